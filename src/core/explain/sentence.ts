/**
 * One plain-language sentence per explained window, and its waterfall (base -> each group ->
 * prediction), as data for a chart and as text for a terminal. Pure: the CLI and the views share it.
 */

/** What the explained number is: a forecast log return, P(up), or one quantile of the return. */
export type ExplainedOutput = { kind: 'return' } | { kind: 'probability' } | { kind: 'quantile'; level: number };

export interface WindowAttribution {
  date: string;
  base: number;
  prediction: number;
  groups: readonly string[];
  values: readonly number[];
}

function decimals(percent: number): number {
  const size = Math.abs(percent);
  return size >= 1 || size < 0.0005 ? 1 : size >= 0.1 ? 2 : 3;
}

/** A log return or probability as signed percent (`+1.2%`); probabilities' contributions in points. */
export function formatValue(value: number, output: ExplainedOutput, signed = true, level = false): string {
  const percent = value * 100;
  const text = percent.toFixed(decimals(percent));
  const sign = signed && percent >= 0 ? '+' : '';
  if (output.kind === 'probability') return level ? `${percent.toFixed(1)}%` : `${sign}${text} pts`;
  return `${sign}${text}%`;
}

export function describeOutput(output: ExplainedOutput): string {
  if (output.kind === 'probability') return 'P(up)';
  if (output.kind === 'quantile') return `the ${output.level} quantile of the return`;
  return 'the forecast log return';
}

function lead(output: ExplainedOutput, prediction: number, date: string, base: number): string {
  if (output.kind === 'probability') return `P(up) ${formatValue(prediction, output, false, true)} for ${date} (base ${formatValue(base, output, false, true)})`;
  const what = output.kind === 'quantile' ? `Predicted ${output.level} quantile` : 'Predicted';
  return `${what} ${formatValue(prediction, output)} for ${date} (base ${formatValue(base, output)})`;
}

/** Group indices by |value|, largest first. */
export function rankGroups(values: readonly number[]): number[] {
  return values.map((_, g) => g).sort((a, b) => Math.abs(values[b]!) - Math.abs(values[a]!));
}

/** "Predicted +1.2% for 2024-03-05 (base +0.1%): mostly rsi_14 +0.6% and volatility_7 -0.3%; the rest +0.5%." */
export function explanationSentence(w: WindowAttribution, output: ExplainedOutput, top = 2): string {
  const order = rankGroups(w.values);
  const shown = order.slice(0, Math.min(top, order.length));
  const part = (g: number) => `${w.groups[g]} ${formatValue(w.values[g]!, output)}`;
  const head = lead(output, w.prediction, w.date, w.base);
  if (shown.length === 0) return `${head}.`;
  const rest = order.slice(shown.length);
  const restSum = rest.reduce((s, g) => s + w.values[g]!, 0);
  const named = shown.length === order.length && order.length === 1 ? `all ${part(shown[0]!)}` : `mostly ${shown.map(part).join(' and ')}`;
  return `${head}: ${named}${rest.length ? `; the rest ${formatValue(restSum, output)}` : ''}.`;
}

export interface WaterfallStep {
  label: string;
  /** The step's size (the base and the prediction: their level). */
  value: number;
  kind: 'base' | 'group' | 'rest' | 'prediction';
}

/** base, the `top` largest groups by |value|, the rest summed, prediction. */
export function waterfallSteps(w: WindowAttribution, top = 8): WaterfallStep[] {
  const order = rankGroups(w.values);
  const shown = order.slice(0, top);
  const rest = order.slice(top);
  return [
    { label: 'base', value: w.base, kind: 'base' },
    ...shown.map((g): WaterfallStep => ({ label: w.groups[g]!, value: w.values[g]!, kind: 'group' })),
    ...(rest.length ? [{ label: `${rest.length} other groups`, value: rest.reduce((s, g) => s + w.values[g]!, 0), kind: 'rest' as const }] : []),
    { label: 'prediction', value: w.prediction, kind: 'prediction' },
  ];
}

/** The waterfall as terminal text: one line a step, with a bar scaled to the largest step. */
export function waterfallText(w: WindowAttribution, output: ExplainedOutput, top = 8, barWidth = 24): string {
  const steps = waterfallSteps(w, top);
  const largest = Math.max(1e-12, ...steps.filter((s) => s.kind === 'group' || s.kind === 'rest').map((s) => Math.abs(s.value)));
  const labelWidth = Math.max(...steps.map((s) => s.label.length));
  return steps
    .map((s) => {
      const level = s.kind === 'base' || s.kind === 'prediction';
      const value = formatValue(s.value, output, true, level).padStart(11);
      const bar = level ? '' : ` ${(s.value >= 0 ? '+' : '-').repeat(Math.max(1, Math.round((Math.abs(s.value) / largest) * barWidth)))}`;
      return `${s.label.padEnd(labelWidth)}  ${value}${bar}`;
    })
    .join('\n');
}
