import { applyFixes, buildCleaningReport, type CleaningFixes, type RawSeries } from './cleaning';
import { isoDate, sliceFrame, type Frame } from './frame';

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

export interface CleaningLookAheadFinding {
  column: string;
  /** Time (UTC ms) of the first cleaned row whose value changed once the raw rows from `cut` on were removed. */
  time: number;
  /** The cut, as a position in time order of the raw rows. */
  cut: number;
}

/**
 * The same check for the cleaning step: cleans the raw rows before each cut (in time order) and
 * compares every cleaned row up to the last of those rows with the cleaning of all the data.
 * A fix that reads later rows (an outlier flag measured against the whole series' spread, an
 * interval inferred from all of it) changes there. Bars inserted into a gap that spans the cut
 * are not compared: whether a gap ends is only known when it does.
 */
export function detectCleaningLookAhead(series: RawSeries, fixes: CleaningFixes, cuts: number[]): CleaningLookAheadFinding[] {
  const clean = (raw: RawSeries) => applyFixes(raw, buildCleaningReport(raw), fixes);
  const full = clean(series);
  const ordered = Array.from(series.time).filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
  const findings: CleaningLookAheadFinding[] = [];
  for (const cut of cuts) {
    if (cut < 2 || cut >= ordered.length) continue;
    const cutTime = ordered[cut]!;
    const keep: number[] = [];
    series.time.forEach((t, row) => {
      if (!(t >= cutTime)) keep.push(row);
    });
    const pick = (values: ArrayLike<number>) => Float64Array.from(keep, (row) => values[row]!);
    const truncated = clean({
      time: pick(series.time),
      columns: Object.fromEntries(Object.entries(series.columns).map(([name, values]) => [name, pick(values)])),
      ...(series.lines ? { lines: Int32Array.from(keep, (row) => series.lines![row]!) } : {}),
    });
    const lastTime = ordered[cut - 1]!;
    for (let row = 0; row < full.time.length && full.time[row]! <= lastTime; row++) {
      const changed = Object.keys(full.columns).find((name) => {
        const b = truncated.columns[name]?.[row];
        return truncated.time[row] !== full.time[row] || b === undefined || !sameValue(full.columns[name]![row]!, b);
      });
      if (changed !== undefined) {
        if (!findings.some((f) => f.column === changed)) findings.push({ column: changed, time: full.time[row]!, cut });
        break;
      }
    }
  }
  return findings;
}

/** What a run records of the cleaning step's look-ahead check (report `tests.cleaningLookAhead`). */
export interface CleaningCheck {
  /** The chosen fixes that read rows other than their own, whose output was compared; [] when none was chosen. */
  fixes: string[];
  cuts: number[];
  /** Where and when the check ran: "checked in this run", "checked when the CSV was imported", ... */
  note: string;
}

/** Fixes that read other rows than their own; the rest act on one row or on time order only. */
const ROW_READING_FIXES = ['forwardFillGaps', 'markOutliers'] as const;

/** The chosen fixes that read other rows than their own. */
export function rowReadingFixes(fixes: CleaningFixes): string[] {
  return ROW_READING_FIXES.filter((fix) => fixes[fix] !== undefined && fixes[fix] !== 0);
}

/**
 * The cleaning look-ahead check as runs and imports run it: throws naming the column, the time
 * and the cut when a fix changed an earlier row once later rows were known; otherwise returns
 * what was checked.
 */
export function checkCleaningLookAhead(series: RawSeries, fixes: CleaningFixes, note: string): CleaningCheck {
  const chosen = rowReadingFixes(fixes);
  if (chosen.length === 0) return { fixes: [], cuts: [], note: 'no chosen cleaning fix reads other rows' };
  const cuts = defaultCuts(series.time.length);
  const first = detectCleaningLookAhead(series, fixes, cuts)[0];
  if (first) {
    throw new Error(
      `cleaning looks ahead: column "${first.column}" at ${isoDate(first.time)} changed when the raw rows from position ${first.cut} on were removed ` +
        `(fixes ${chosen.join(', ')}); turn these fixes off and report the data`,
    );
  }
  return { fixes: chosen, cuts, note };
}
