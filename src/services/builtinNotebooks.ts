import { parseNotebook } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';

export interface NotebookEntry {
  id: string;
  title: string;
  /** Built-in notebooks are fetched from here; user notebooks (no url) live in IndexedDB. */
  url?: string;
}

/** Notebooks shipped in public/notebooks; the first one opens by default. */
export const BUILTIN_NOTEBOOKS: readonly NotebookEntry[] = [
  { id: 'demo', title: 'Demo: LSTM on a synthetic BTC-like market', url: 'notebooks/demo.json' },
  { id: 'lstm-lesson', title: 'Lesson: how an LSTM forecasts (for students)', url: 'notebooks/lstm-lesson.json' },
  { id: 'tiny', title: 'Tiny: one fold, one epoch (backend smoke test)', url: 'notebooks/tiny.json' },
  { id: 'sweep', title: 'Sweep: ridge lookback x penalty, with a hold-out', url: 'notebooks/sweep.json' },
  { id: 'horizons', title: 'A week ahead: a GRU forecasting each of the next 7 daily returns', url: 'notebooks/horizons.json' },
  { id: 'btc-live', title: 'BTC daily: Binance candles + Coin Metrics active addresses (downloads)', url: 'notebooks/btc-binance-coinmetrics.json' },
];

export async function fetchBuiltinNotebook(entry: NotebookEntry & { url: string }): Promise<NotebookDoc> {
  const response = await fetch(new URL(entry.url, document.baseURI));
  if (!response.ok) throw new Error(`could not load ${entry.url}: HTTP ${response.status}`);
  return parseNotebook(await response.json());
}
