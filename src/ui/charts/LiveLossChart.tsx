import { useMemo } from 'react';
import { lossChartGeometry, type LossCurveInput } from './lossChartGeometry';

const WIDTH = 640;
const HEIGHT = 160;

/** The training loss per epoch while a run trains: one line per fold, dotted for its validation tail. */
export function LiveLossChart({ curves }: { curves: readonly LossCurveInput[] }) {
  const g = useMemo(() => lossChartGeometry(curves, WIDTH, HEIGHT), [curves]);
  return (
    <figure className="chart live-loss" data-testid="chart-loss">
      <figcaption>
        Training loss per epoch (live; dotted: validation tail) · loss {g.lossMin.toPrecision(3)} … {g.lossMax.toPrecision(3)} (scaled target) · epochs 1 … {g.epochs}
      </figcaption>
      <svg viewBox={`-4 -4 ${WIDTH + 8} ${HEIGHT + 8}`} preserveAspectRatio="none" role="img" aria-label="training loss per epoch">
        <rect x={-4} y={-4} width={WIDTH + 8} height={HEIGHT + 8} fill="none" stroke="#3a4150" />
        {g.paths.map((p) => (
          <path key={p.key} d={p.d} fill="none" stroke={p.color} strokeWidth={p.validation ? 1 : 1.5} strokeDasharray={p.validation ? '3 3' : undefined} vectorEffect="non-scaling-stroke" />
        ))}
      </svg>
    </figure>
  );
}
