import type { CellContext } from '../runState';
import type { CellOf } from '../schema';

export async function runDataCell(cell: CellOf<'data'>, ctx: CellContext): Promise<void> {
  ctx.progress(0, cell.source.type === 'demo' ? 'generating the synthetic demo market' : `loading ${cell.source.name}`);
  const data = await ctx.env.loadData(cell.source, ctx.env.signal);
  if (data.frame.time.length < 2) throw new Error('the data cell produced fewer than 2 rows');
  ctx.state.data = data;
  ctx.progress(1, `${data.frame.time.length} rows loaded`);
}
