import type { SweepTrial } from '../../state/sweepState';
import { goodnessColor, parallelCoordinates, PLOT, type AxisScale } from './parallelCoordinates';
import { objectiveText } from './sweepViews';

/** One axis per varied parameter and one for the objective; each trial a line coloured by its objective. */
export function ParallelCoordinatesPlot({ trials, parameters, maximize, scales }: { trials: readonly SweepTrial[]; parameters: readonly string[]; maximize: boolean; scales: Readonly<Record<string, AxisScale>> }) {
  const plot = parallelCoordinates(trials, parameters, maximize, scales);
  return (
    <figure className="parcoords" data-testid="sweep-parcoords">
      <figcaption>
        Trials across the parameters (one line each; colour: objective, <span style={{ color: goodnessColor(0) }}>worst {objectiveText(plot.range.worst)}</span> to{' '}
        <span style={{ color: goodnessColor(1) }}>best {objectiveText(plot.range.best)}</span>; dashed: pruned)
        {plot.undrawn > 0 ? `; ${plot.undrawn} trials without an objective are not drawn` : ''}
      </figcaption>
      <svg width="100%" style={{ maxWidth: plot.width }} viewBox={`0 0 ${plot.width} ${plot.height}`} role="img" aria-label="parallel coordinates of the sweep's trials">
        {plot.lines.map((line) => (
          <polyline key={line.id} data-testid="parcoords-line" points={line.points} fill="none" stroke={line.color} strokeWidth={1.5} strokeOpacity={line.pruned ? 0.5 : 0.85} strokeDasharray={line.pruned ? '4 3' : undefined}>
            <title>{`objective ${objectiveText(line.objective)}`}</title>
          </polyline>
        ))}
        {plot.axes.map((axis, i) => (
          <g key={axis.name} data-testid="parcoords-axis">
            <line x1={axis.x} x2={axis.x} y1={PLOT.top} y2={plot.height - PLOT.bottom} stroke="currentColor" strokeOpacity={0.6} />
            <text x={axis.x} y={16} textAnchor="middle" fill="currentColor" fontSize={12}>
              {axis.name}
              {axis.scale === 'log' ? ' (log)' : ''}
            </text>
            {axis.ticks.map((tick) => (
              // The objective's ticks on its right, clear of the lines that arrive from the left.
              <text key={`${tick.label}-${tick.y}`} x={i === plot.axes.length - 1 ? axis.x + 5 : axis.x - 5} y={tick.y + 4} textAnchor={i === plot.axes.length - 1 ? 'start' : 'end'} fill="currentColor" fillOpacity={0.75} fontSize={10}>
                {tick.label}
              </text>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
