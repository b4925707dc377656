import type { SweepTrial } from '../../state/sweepState';
import { distinctValues, objectiveText, valueText } from './sweepViews';

/**
 * Parallel coordinates of a sweep's trials: one vertical axis per varied parameter and one for the
 * objective (better at the top), one line per trial with an objective, coloured from worst (red) to
 * best (green). Drawn as SVG: the app's plotly bundle (src/ui/charts/plotlyBundle.ts) has no
 * `parcoords` trace, and plotly's parcoords needs WebGL besides.
 */
/** How an axis places a parameter's values: in their sorted order, evenly (a list of values), or on the range's scale. */
export type AxisScale = 'ordinal' | 'linear' | 'log';

export interface ParallelAxis {
  name: string;
  x: number;
  /** Tick labels with their y, top to bottom. */
  ticks: { y: number; label: string }[];
  scale: AxisScale;
}

export interface ParallelLine {
  id: string;
  /** "x,y x,y ..." for an SVG polyline, one point per axis. */
  points: string;
  color: string;
  objective: number;
  pruned: boolean;
}

export interface ParallelCoordinates {
  width: number;
  height: number;
  axes: ParallelAxis[];
  lines: ParallelLine[];
  /** Trials without an objective (failed, cancelled): not drawn, counted. */
  undrawn: number;
  range: { worst: number; best: number };
}

export const PLOT = { top: 28, bottom: 24, axisGap: 150, side: 80, height: 260 };

/** Worst (0) to best (1) as a red-to-green hue, the heatmap's colouring. */
export function goodnessColor(goodness: number): string {
  return `hsl(${Math.round(Math.min(1, Math.max(0, goodness)) * 120)}, 70%, 55%)`;
}

type Scale = { position(value: number | string | boolean): number; ticks: { value: number; label: string }[] };

/** A parameter's axis: listed values and categories evenly spaced, ranges linear or log between the values seen (0 bottom, 1 top). */
function parameterScale(trials: readonly SweepTrial[], name: string, scale: AxisScale): Scale {
  const values = distinctValues(trials, name);
  const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
  if (scale === 'ordinal' || !numeric || values.length === 1) {
    const at = (i: number) => (values.length === 1 ? 0.5 : i / (values.length - 1));
    return { position: (v) => at(Math.max(0, values.indexOf(v))), ticks: values.map((v, i) => ({ value: at(i), label: valueText(v) })) };
  }
  const numbers = values as number[];
  const useLog = scale === 'log' && numbers[0]! > 0;
  const t = (v: number) => (useLog ? Math.log(v) : v);
  const lo = t(numbers[0]!);
  const hi = t(numbers[numbers.length - 1]!);
  const position = (v: number | string | boolean) => (typeof v === 'number' ? (t(v) - lo) / (hi - lo) : 0);
  const tickValues = numbers.length <= 6 ? numbers : [0, 1, 2, 3, 4].map((k) => (useLog ? Math.exp(lo + ((hi - lo) * k) / 4) : lo + ((hi - lo) * k) / 4));
  return { position, ticks: tickValues.map((v) => ({ value: position(v), label: valueText(v) })) };
}

/** `scales`: each parameter's axis scale (a parameter not named gets a linear axis). */
export function parallelCoordinates(trials: readonly SweepTrial[], parameters: readonly string[], maximize: boolean, scales: Readonly<Record<string, AxisScale>>): ParallelCoordinates {
  const scored = trials.filter((t): t is SweepTrial & { objective: number } => t.objective !== null && Number.isFinite(t.objective));
  const objectives = scored.map((t) => t.objective);
  const worst = objectives.length ? (maximize ? Math.min(...objectives) : Math.max(...objectives)) : 0;
  const best = objectives.length ? (maximize ? Math.max(...objectives) : Math.min(...objectives)) : 0;
  const goodness = (v: number) => (best === worst ? 1 : (v - worst) / (best - worst));
  const y = (fraction: number) => PLOT.top + (1 - fraction) * (PLOT.height - PLOT.top - PLOT.bottom);
  const x = (i: number) => PLOT.side + i * PLOT.axisGap;

  const axisScale = (name: string) => scales[name] ?? 'linear';
  const placed = parameters.map((name) => parameterScale(scored, name, axisScale(name)));
  const objectiveTicks = best === worst ? [best] : [0, 0.25, 0.5, 0.75, 1].map((g) => worst + g * (best - worst));
  const axes: ParallelAxis[] = [
    ...parameters.map((name, i) => ({ name, x: x(i), scale: axisScale(name), ticks: placed[i]!.ticks.map((tick) => ({ y: y(tick.value), label: tick.label })) })),
    { name: `objective (${maximize ? 'max' : 'min'})`, x: x(parameters.length), scale: 'linear' as const, ticks: objectiveTicks.map((v) => ({ y: y(goodness(v)), label: objectiveText(v) })) },
  ];
  const lines = scored.map((trial) => {
    const ys = [...parameters.map((name, i) => y(placed[i]!.position(trial.params[name] ?? ''))), y(goodness(trial.objective))];
    return {
      id: trial.id,
      points: ys.map((py, i) => `${x(i).toFixed(1)},${py.toFixed(1)}`).join(' '),
      color: goodnessColor(goodness(trial.objective)),
      objective: trial.objective,
      pruned: trial.status === 'pruned',
    };
  });
  // The best lines last, so they are drawn on top.
  lines.sort((a, b) => (maximize ? a.objective - b.objective : b.objective - a.objective));
  return { width: x(parameters.length) + PLOT.side, height: PLOT.height, axes, lines, undrawn: trials.length - scored.length, range: { worst, best } };
}
