import type { CellContext } from '../runState';
import type { CellOf } from '../schema';

export async function runDataCell(cell: CellOf<'data'>, ctx: CellContext): Promise<void> {
  const { source } = cell;
  const what = source.type === 'demo' ? 'generating the synthetic demo market' : source.type === 'csv' ? `loading ${source.name}` : `loading ${source.symbol} from ${source.type}`;
  ctx.progress(0, what);
  const { id: _id, kind: _kind, ...request } = cell;
  const data = await ctx.env.loadData(request, { signal: ctx.env.signal, onProgress: (fraction, message) => ctx.progress(fraction * 0.95, message) });
  if (data.frame.time.length < 2) throw new Error('the data cell produced fewer than 2 rows');
  ctx.state.data = data;
  if (data.cleaningLookAhead) ctx.state.tests.cleaningLookAhead = data.cleaningLookAhead;
  ctx.progress(1, `${data.frame.time.length} rows loaded`);
}
