import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import { BUILTIN_NOTEBOOKS } from './builtinNotebooks';

describe('the LSTM lesson notebook', () => {
  const root = resolve(__dirname, '../..');
  const doc = parseNotebookJson(readFileSync(join(root, 'public/notebooks/lstm-lesson.json'), 'utf8'));

  it('is listed in the notebook menu under ?notebook=lstm-lesson', () => {
    expect(BUILTIN_NOTEBOOKS.find((n) => n.id === 'lstm-lesson')?.url).toBe('notebooks/lstm-lesson.json');
  });

  it('explains each step in markdown beside small cells a student can rerun quickly', () => {
    const text = doc.cells.flatMap((c) => (c.kind === 'markdown' ? [c.text] : [])).join('\n');
    for (const topic of [/returns, not prices/i, /scaling is fit on training rows only/i, /window/i, /forget gate/i, /walk-forward/i, /naive baseline/i]) expect(text).toMatch(topic);
    const model = doc.cells.find((c) => c.kind === 'model');
    const data = doc.cells.find((c) => c.kind === 'data');
    expect(model?.kind === 'model' && model.model.type === 'lstm' && model.model.units <= 16 && model.training.epochs <= 10).toBe(true);
    expect(data?.kind === 'data' && data.source.type === 'demo' && data.source.bars <= 1000).toBe(true);
  });
});
