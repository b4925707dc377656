import { buildFeatureTable } from '../../core/featureTable';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { need } from './need';

export async function runFeaturesCell(cell: CellOf<'features'>, ctx: CellContext): Promise<void> {
  const data = need(ctx.state, 'data', 'features', 'data');
  const requests = cell.features.map(({ name, column, columns, ...params }) => ({ name, column, columns, params }));
  ctx.state.table = buildFeatureTable(data.frame, requests, cell.target.horizon);
  ctx.progress(1, `${ctx.state.table.names.length} features: ${ctx.state.table.names.join(', ')}`);
}
