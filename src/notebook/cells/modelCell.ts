import type { CellContext } from '../runState';
import type { CellOf } from '../schema';

/** Declares the model; training happens per fold in the walk-forward cell. */
export async function runModelCell(cell: CellOf<'model'>, ctx: CellContext): Promise<void> {
  ctx.state.model = { spec: cell.model, training: cell.training };
  ctx.progress(1, `${cell.model.type} model, lookback ${cell.model.lookback}`);
}
