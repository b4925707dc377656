import type { SweepTrial } from '../../state/sweepState';
import { distinctValues, objectiveText, valueText } from './sweepViews';

/** The objective over two parameters (vectorbt style): the best trial in each cell, coloured from worst to best. */
export function SweepHeatmap({ trials, axes, maximize }: { trials: readonly SweepTrial[]; axes: [string, string]; maximize: boolean }) {
  const [xName, yName] = axes;
  const xs = distinctValues(trials, xName);
  const ys = distinctValues(trials, yName);
  const cell = (x: unknown, y: unknown): number | null => {
    const values = trials.filter((t) => t.params[xName] === x && t.params[yName] === y && t.objective !== null).map((t) => t.objective!);
    if (values.length === 0) return null;
    return maximize ? Math.max(...values) : Math.min(...values);
  };
  const all = trials.map((t) => t.objective).filter((v): v is number => v !== null);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const shade = (v: number) => {
    const goodness = hi > lo ? (maximize ? v - lo : hi - v) / (hi - lo) : 1;
    return `hsl(${Math.round(goodness * 120)}, 60%, 80%)`;
  };
  return (
    <table className="metrics heatmap" data-testid="sweep-heatmap">
      <thead>
        <tr>
          <th>
            {yName} \ {xName}
          </th>
          {xs.map((x) => (
            <th key={String(x)}>{valueText(x)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ys.map((y) => (
          <tr key={String(y)}>
            <th>{valueText(y)}</th>
            {xs.map((x) => {
              const v = cell(x, y);
              return (
                <td key={String(x)} data-testid="heatmap-cell" style={v === null ? undefined : { background: shade(v) }}>
                  {objectiveText(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
