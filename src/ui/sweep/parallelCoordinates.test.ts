import { describe, expect, it } from 'vitest';
import type { SweepTrial } from '../../state/sweepState';
import { goodnessColor, parallelCoordinates, PLOT } from './parallelCoordinates';

const trial = (id: string, units: number, lr: number, objective: number | null, status: SweepTrial['status'] = 'ok'): SweepTrial => ({
  id,
  params: { 'model.units': units, 'training.learningRate': lr },
  objective,
  status,
  folds: 3,
  ms: 10,
});

const pointsOf = (points: string) => points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

describe('parallel coordinates of the trials', () => {
  const trials = [trial('a', 4, 0.001, 0.5), trial('b', 16, 0.01, 1.5), trial('c', 8, 0.0001, -0.2, 'pruned'), trial('d', 8, 0.001, null, 'failed')];
  const plot = parallelCoordinates(trials, ['model.units', 'training.learningRate'], true, { 'training.learningRate': 'log' });

  it('has one axis per varied parameter plus the objective, and one line per trial with an objective', () => {
    expect(plot.axes.map((a) => a.name)).toEqual(['model.units', 'training.learningRate', 'objective (max)']);
    expect(plot.axes.map((a) => a.scale)).toEqual(['linear', 'log', 'linear']);
    expect(plot.lines).toHaveLength(3);
    expect(plot.undrawn).toBe(1);
    expect(plot.lines.find((l) => l.id === 'c')!.pruned).toBe(true);
  });

  it('puts the best trial at the top of the objective axis, coloured best, and draws it last', () => {
    const last = plot.lines[plot.lines.length - 1]!;
    expect(last.id).toBe('b');
    expect(last.color).toBe(goodnessColor(1));
    expect(pointsOf(last.points)[2]![1]).toBe(PLOT.top);
    expect(pointsOf(plot.lines[0]!.points)[2]![1]).toBe(PLOT.height - PLOT.bottom);
    expect(plot.range).toEqual({ worst: -0.2, best: 1.5 });
  });

  it('places a log-scaled parameter by its logarithm: 0.001 midway between 0.0001 and 0.01', () => {
    const mid = pointsOf(plot.lines.find((l) => l.id === 'a')!.points)[1]![1];
    expect(mid).toBeCloseTo((PLOT.top + PLOT.height - PLOT.bottom) / 2, 6);
    const linear = parallelCoordinates(trials, ['model.units', 'training.learningRate'], true, {});
    const linearMid = pointsOf(linear.lines.find((l) => l.id === 'a')!.points)[1]![1];
    expect(linearMid).toBeGreaterThan(mid + 50);
  });

  it('turns the objective axis over when smaller is better', () => {
    const minimizing = parallelCoordinates(trials, ['model.units'], false, {});
    const top = minimizing.lines[minimizing.lines.length - 1]!;
    expect(top.id).toBe('c');
    expect(pointsOf(top.points)[1]![1]).toBe(PLOT.top);
  });

  it('spaces a list of values evenly in their order: 4, 8, 16 at bottom, middle, top', () => {
    const listed = parallelCoordinates(trials, ['model.units'], true, { 'model.units': 'ordinal' });
    const yOf = (id: string) => pointsOf(listed.lines.find((l) => l.id === id)!.points)[0]![1];
    expect([yOf('a'), yOf('c'), yOf('b')]).toEqual([PLOT.height - PLOT.bottom, (PLOT.top + PLOT.height - PLOT.bottom) / 2, PLOT.top]);
  });

  it('spaces categorical values evenly and draws nothing but the axes without a scored trial', () => {
    const categorical = parallelCoordinates([{ ...trial('x', 4, 0.1, 1), params: { rule: 'long-flat' } }, { ...trial('y', 4, 0.1, 2), params: { rule: 'long-short' } }], ['rule'], true, {});
    expect(categorical.axes[0]!.ticks.map((t) => t.label)).toEqual(['long-flat', 'long-short']);
    expect(parallelCoordinates([trial('z', 4, 0.1, null, 'cancelled')], ['model.units'], true, {}).lines).toEqual([]);
  });
});
