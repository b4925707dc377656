import { buildFeatureTable } from '../../core/featureTable';
import { isoDate } from '../../core/frame';
import { defaultCuts, detectLookAhead } from '../../core/leakage';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { need } from './need';

export async function runFeaturesCell(cell: CellOf<'features'>, ctx: CellContext): Promise<void> {
  const data = need(ctx.state, 'data', 'features', 'data');
  const requests = cell.features.map(({ name, column, columns, ...params }) => ({ name, column, columns, params }));
  const table = buildFeatureTable(data.frame, requests, cell.target);
  const cuts = defaultCuts(data.frame.time.length);
  const lookAhead = detectLookAhead(data.frame, (frame) => buildFeatureTable(frame, requests, cell.target), cuts);
  const first = lookAhead[0];
  if (first) {
    const at = isoDate(data.frame.time[first.row]!);
    throw new Error(`feature ${first.feature} looks ahead: its value at ${at} changed when the data from row ${first.cut} on was removed`);
  }
  ctx.state.tests.leakage = { featuresChecked: table.names.length, cuts, lookAhead: [] };
  ctx.state.table = table;
  ctx.progress(1, `${table.names.length} features: ${table.names.join(', ')} (look-ahead check passed)`);
}
