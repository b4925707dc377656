import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('CLI arguments', () => {
  it('collects every --data-dir and reads --trials as a whole number >= 1', () => {
    expect(parseArgs(['run', 'nb.json', '--data-dir', 'a', '--data-dir', '/b', '--trials', '20'])).toMatchObject({ dataDirs: ['a', '/b'], trials: 20 });
    expect(parseArgs(['features', 'nb.json'])).toMatchObject({ dataDirs: [] });
    expect(parseArgs(['run', 'nb.json']).trials).toBeUndefined();
  });

  it('refuses a bad --trials, a --data-dir without a folder and --trials outside run', () => {
    for (const bad of ['0', '-3', '1.5', '1e3', 'many', '']) {
      expect(() => parseArgs(['run', 'nb.json', '--trials', bad])).toThrow(`--trials must be a whole number >= 1 (configurations tried), got "${bad}"`);
    }
    expect(() => parseArgs(['run', 'nb.json', '--data-dir'])).toThrow('--data-dir needs a folder');
    expect(() => parseArgs(['features', 'nb.json', '--trials', '3'])).toThrow('--trials is an option of run');
  });

  it('reads --html as the HTML report file of run, and only of run', () => {
    expect(parseArgs(['run', 'nb.json', '--html', 'report.html']).html).toBe('report.html');
    expect(() => parseArgs(['run', 'nb.json', '--html'])).toThrow('--html needs a file name');
    expect(() => parseArgs(['features', 'nb.json', '--html', 'r.html'])).toThrow('--html is an option of run');
  });
});
