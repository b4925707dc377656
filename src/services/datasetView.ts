import type { Frame } from '../core/frame';

/** What the UI shows of a dataset: its identity and the candles, nothing more (plain data: it crosses from the runner worker). */
export interface DatasetView {
  hash: string;
  name: string;
  synthetic: boolean;
  rows: number;
  /** Limits hit, bars still forming, forward fills, the data's attribution. */
  notes: string[];
  candles: { time: number[]; open: number[]; high: number[]; low: number[]; close: number[] };
}

export function datasetView(frame: Frame, hash: string, notes: string[] = []): DatasetView {
  const col = (name: string) => Array.from(frame.columns[name] ?? frame.columns.close ?? []);
  return {
    hash,
    name: frame.meta.name,
    synthetic: frame.meta.synthetic,
    rows: frame.time.length,
    notes,
    candles: { time: Array.from(frame.time), open: col('open'), high: col('high'), low: col('low'), close: col('close') },
  };
}
