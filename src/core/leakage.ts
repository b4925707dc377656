import { sliceFrame, type Frame } from './frame';

export interface BuiltFeatures {
  names: string[];
  features: Float64Array[];
}

export interface LookAheadFinding {
  feature: string;
  /** First row whose value changed once the data from `cut` on was removed. */
  row: number;
  cut: number;
}

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Look-ahead check: recomputes the features on the data truncated at each cut and compares
 * every value before the cut with the full-data value. A feature that reads any later row (a
 * centred window, a negative lag, tomorrow's return) changes there and is reported.
 */
export function detectLookAhead(frame: Frame, build: (frame: Frame) => BuiltFeatures, cuts: number[]): LookAheadFinding[] {
  const full = build(frame);
  const findings: LookAheadFinding[] = [];
  for (const cut of cuts) {
    if (cut < 2 || cut >= frame.time.length) continue;
    const truncated = build(sliceFrame(frame, 0, cut));
    full.names.forEach((name, f) => {
      if (findings.some((x) => x.feature === name)) return;
      const a = full.features[f]!;
      const b = truncated.features[truncated.names.indexOf(name)];
      if (!b) return;
      for (let t = 0; t < cut; t++) {
        if (!sameValue(a[t]!, b[t]!)) {
          findings.push({ feature: name, row: t, cut });
          return;
        }
      }
    });
  }
  return findings;
}

/** Cut points spread over the second half of the data, where most folds test. */
export function defaultCuts(rows: number): number[] {
  return [0.5, 0.7, 0.9].map((q) => Math.floor(rows * q));
}
