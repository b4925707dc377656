/**
 * Static SVG charts for the HTML report: no script, no font or image to fetch. Long series are
 * reduced to the min and max of each of at most 600 buckets, which keeps every peak and trough
 * (a drawdown's bottom) while the file stays small.
 */
import { escapeHtml } from './escape';
import { log10, pow } from '../../core/math';

export interface LineSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
  dashed?: boolean;
}

export interface BarSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
}

const WIDTH = 760;
const PAD = { left: 64, right: 16, top: 28, bottom: 34 };
const MAX_BUCKETS = 600;

const num = (v: number) => (Math.round(v * 10) / 10).toString();
const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** Indices to draw: all when few, else the first, min and max of each bucket (in time order). */
export function reducedIndices(n: number, series: readonly (readonly (number | null)[])[]): number[] {
  if (n <= MAX_BUCKETS * 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Set<number>();
  const size = n / MAX_BUCKETS;
  for (let b = 0; b < MAX_BUCKETS; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    keep.add(start);
    for (const values of series) {
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (!finite(v)) continue;
        if (lo < 0 || v < values[lo]!) lo = i;
        if (hi < 0 || v > values[hi]!) hi = i;
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
    }
  }
  keep.add(n - 1);
  return [...keep].sort((a, b) => a - b);
}

function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = pow(10, Math.floor(log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function frame(title: string, height: number, testId: string, body: string, legend: { name: string; color: string }[]): string {
  const items = legend
    .map((l, i) => `<g transform="translate(${PAD.left + i * 170},${height - 8})"><rect width="12" height="4" y="-6" fill="${l.color}"/><text x="16" y="-2">${escapeHtml(l.name)}</text></g>`)
    .join('');
  return (
    `<svg class="chart" data-chart="${escapeHtml(testId)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<text class="chart-title" x="${PAD.left}" y="16">${escapeHtml(title)}</text>${body}${items}</svg>`
  );
}

function yAxis(ticks: number[], y: (v: number) => number, format: (v: number) => string): string {
  return ticks
    .map((t) => `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${num(y(t))}" y2="${num(y(t))}"/><text class="tick" x="${PAD.left - 6}" y="${num(y(t) + 4)}" text-anchor="end">${escapeHtml(format(t))}</text>`)
    .join('');
}

/** Lines over time (UTC ms); null or non-finite values break the line. */
export function lineChartSvg(o: { title: string; testId: string; time: readonly number[]; series: LineSeries[]; format: (v: number) => string; height?: number }): string {
  const height = o.height ?? 260;
  const n = o.time.length;
  const indices = reducedIndices(n, o.series.map((s) => s.values));
  const all = o.series.flatMap((s) => indices.map((i) => s.values[i]).filter(finite));
  if (n < 2 || all.length === 0) return frame(o.title, height, o.testId, `<text x="${PAD.left}" y="60">no data</text>`, []);
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) [min, max] = [min - 1, max + 1];
  const t0 = o.time[0]!;
  const t1 = o.time[n - 1]!;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0 || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (height - PAD.top - PAD.bottom);
  const paths = o.series
    .map((s) => {
      let d = '';
      let pen = false;
      for (const i of indices) {
        const v = s.values[i];
        if (!finite(v)) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${num(x(o.time[i]!))} ${num(y(v))}`;
        pen = true;
      }
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.3"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
    })
    .join('');
  const dates = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => t0 + f * (t1 - t0))
    .map((t) => `<text class="tick" x="${num(x(t))}" y="${height - 20}" text-anchor="middle">${new Date(t).toISOString().slice(0, 10)}</text>`)
    .join('');
  return frame(o.title, height, o.testId, yAxis(niceTicks(min, max), y, o.format) + dates + paths, o.series);
}

/** Grouped bars by category (folds); null values leave a gap. */
export function barChartSvg(o: { title: string; testId: string; categories: readonly string[]; series: BarSeries[]; format: (v: number) => string; height?: number }): string {
  const height = o.height ?? 240;
  const all = o.series.flatMap((s) => s.values.filter(finite));
  if (o.categories.length === 0 || all.length === 0) return frame(o.title, height, o.testId, `<text x="${PAD.left}" y="60">no data</text>`, []);
  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const span = max - min || 1;
  const y = (v: number) => PAD.top + (1 - (v - min) / span) * (height - PAD.top - PAD.bottom);
  const slot = (WIDTH - PAD.left - PAD.right) / o.categories.length;
  const bar = (slot * 0.8) / o.series.length;
  const bars = o.categories
    .map((category, c) =>
      o.series
        .map((s, k) => {
          const v = s.values[c];
          if (!finite(v)) return '';
          const top = Math.min(y(v), y(0));
          return `<rect x="${num(PAD.left + c * slot + slot * 0.1 + k * bar)}" y="${num(top)}" width="${num(Math.max(bar - 1, 0.5))}" height="${num(Math.abs(y(v) - y(0)))}" fill="${s.color}"><title>${escapeHtml(`${category} ${s.name}: ${o.format(v)}`)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
  const every = Math.max(1, Math.ceil(o.categories.length / 12));
  const labels = o.categories
    .map((c, i) => (i % every === 0 ? `<text class="tick" x="${num(PAD.left + (i + 0.5) * slot)}" y="${height - 20}" text-anchor="middle">${escapeHtml(c)}</text>` : ''))
    .join('');
  return frame(o.title, height, o.testId, yAxis(niceTicks(min, max), y, o.format) + labels + bars, o.series);
}
