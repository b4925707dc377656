import type { Data } from 'plotly.js';
import type { SweepTrial } from '../../state/sweepState';
import { PlotlyChart } from '../charts/PlotlyChart';

/** The objective against each parameter (one scatter each) and the search's best-so-far curve. */
export function SweepCharts({ trials, parameters, maximize }: { trials: readonly SweepTrial[]; parameters: readonly string[]; maximize: boolean }) {
  const scored = trials.filter((t) => t.objective !== null);
  let best = maximize ? -Infinity : Infinity;
  const bestSoFar = trials.map((t) => {
    if (t.objective !== null && t.status === 'ok') best = maximize ? Math.max(best, t.objective) : Math.min(best, t.objective);
    return Number.isFinite(best) ? best : null;
  });
  const curve: Data[] = [{ type: 'scatter', mode: 'lines+markers', x: trials.map((_, i) => i + 1), y: bestSoFar, name: 'best so far' }];
  return (
    <div className="sweep-charts">
      <PlotlyChart testId="sweep-best-so-far" title="Best objective so far" data={curve} height={240} layout={{ xaxis: { title: { text: 'trial' } } }} />
      {parameters.map((name) => (
        <PlotlyChart
          key={name}
          testId={`sweep-scatter-${name}`}
          title={`Objective against ${name}`}
          height={240}
          data={[{ type: 'scatter', mode: 'markers', x: scored.map((t) => t.params[name] as number | string), y: scored.map((t) => t.objective!), name }]}
        />
      ))}
    </div>
  );
}
