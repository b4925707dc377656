import type { RunReport } from '../../state/labState';
import { fmt, pct } from '../format';

type Conformal = NonNullable<NonNullable<RunReport['diagnostics']>['conformal']>;

/** Empirical coverage and mean width of the conformal intervals, overall and per fold. */
export function CoverageTable({ conformal, quantileCoverage }: { conformal: Conformal; quantileCoverage?: { nominal: number; coverage: number } | undefined }) {
  const levels = conformal.levels;
  return (
    <div>
      <table className="metrics" data-testid="coverage-table">
        <caption>
          Calibrated intervals ({conformal.method}
          {conformal.adaptive ? `, scaled by ${conformal.volatilityWindow ?? ''}-bar trailing volatility` : ''}): share of actual returns inside, and width
        </caption>
        <thead>
          <tr>
            <th>folds</th>
            {levels.map((l) => (
              <th key={l.level} colSpan={2}>
                {pct(l.level, 0)} interval: coverage · mean width
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="coverage-overall">
            <td>all ({levels[0]?.n ?? 0} test samples)</td>
            {levels.map((l) => [<td key={`c${l.level}`}>{pct(l.coverage)}</td>, <td key={`w${l.level}`}>{fmt(l.meanWidth, 5)}</td>])}
          </tr>
          {conformal.folds.map((f) => (
            <tr key={f.index}>
              <td>
                fold {f.index + 1} ({f.calibrationWindows} calibration windows)
              </td>
              {f.levels.map((l) => [<td key={`c${l.level}`}>{pct(l.coverage)}</td>, <td key={`w${l.level}`}>{fmt(l.meanWidth, 5)}</td>])}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{conformal.calibration.sentence}</p>
      {quantileCoverage ? (
        <p className="muted" data-testid="quantile-coverage">
          The quantile-loss model’s own band ({pct(quantileCoverage.nominal, 0)} nominal) covered {pct(quantileCoverage.coverage)}.
        </p>
      ) : null}
    </div>
  );
}
