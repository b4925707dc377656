import { buildFeatureTable } from '../../core/featureTable';
import { isoDate } from '../../core/frame';
import { defaultCuts, detectLookAhead } from '../../core/leakage';
import { readCached, writeCached } from '../cache';
import { cachedFeaturesSchema, encodeFeatures } from '../cacheFeatures';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { need } from './need';

export async function runFeaturesCell(cell: CellOf<'features'>, ctx: CellContext): Promise<void> {
  const data = need(ctx.state, 'data', 'features', 'data');
  const cached = ctx.key ? await readCached(ctx.env.cache, ctx.key, cachedFeaturesSchema) : undefined;
  if (cached) {
    ctx.state.tests.leakage = { ...cached.leakage, lookAhead: [] };
    ctx.state.table = cached.table;
    ctx.cacheUse('hit');
    ctx.progress(1, `${cached.table.names.length} features from the run cache (look-ahead check passed when computed)`);
    return;
  }
  const requests = cell.features.map(({ name, column, columns, ...params }) => ({ name, column, columns, params }));
  const table = buildFeatureTable(data.frame, requests, cell.target);
  const cuts = defaultCuts(data.frame.time.length);
  const lookAhead = detectLookAhead(data.frame, (frame) => buildFeatureTable(frame, requests, cell.target), cuts);
  const first = lookAhead[0];
  if (first) {
    const at = isoDate(data.frame.time[first.row]!);
    throw new Error(`feature ${first.feature} looks ahead: its value at ${at} changed when the data from row ${first.cut} on was removed`);
  }
  const leakage = { featuresChecked: table.names.length, cuts };
  ctx.state.tests.leakage = { ...leakage, lookAhead: [] };
  ctx.state.table = table;
  if (ctx.key && ctx.env.cache) {
    ctx.cacheUse('miss');
    ctx.cacheProblem(await writeCached(ctx.env.cache, ctx.key, encodeFeatures(table, leakage)));
  }
  ctx.progress(1, `${table.names.length} features: ${table.names.join(', ')} (look-ahead check passed)`);
}
