/**
 * SVG geometry of the live loss chart. The chart redraws every second while a model trains, so it
 * is plain SVG: plotly's redraw of the same chart took 50-200 ms of main-thread time each.
 */
export interface LossCurveInput {
  fold: number;
  loss: number[];
  valLoss: (number | null)[];
}

export interface LossPath {
  key: string;
  d: string;
  validation: boolean;
  color: string;
}

export interface LossChartGeometry {
  paths: LossPath[];
  epochs: number;
  lossMin: number;
  lossMax: number;
}

const COLORS = ['#f5a623', '#4a90e2', '#7ed321', '#bd10e0', '#50e3c2', '#d0021b', '#b8e986', '#9013fe'];

/** Polylines in a width x height box (y down), epochs 1..max on x, the loss range on y. */
export function lossChartGeometry(curves: readonly LossCurveInput[], width: number, height: number): LossChartGeometry {
  const values = curves.flatMap((c) => [...c.loss, ...c.valLoss]).filter((v): v is number => v !== null && Number.isFinite(v));
  const epochs = Math.max(1, ...curves.map((c) => c.loss.length));
  const lossMin = values.length > 0 ? Math.min(...values) : 0;
  const lossMax = values.length > 0 ? Math.max(...values) : 1;
  const span = lossMax - lossMin || 1;
  const x = (epoch: number) => (epochs === 1 ? width / 2 : ((epoch - 1) / (epochs - 1)) * width);
  const y = (v: number) => height - ((v - lossMin) / span) * height;
  const line = (series: readonly (number | null)[]): string => {
    let d = '';
    let pen = 'M';
    series.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = 'M';
        return;
      }
      d += `${pen}${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`;
      pen = 'L';
    });
    return d;
  };
  const paths = curves.flatMap((c): LossPath[] => {
    const color = COLORS[c.fold % COLORS.length]!;
    const out: LossPath[] = [{ key: `${c.fold}-loss`, d: line(c.loss), validation: false, color }];
    if (c.valLoss.some((v) => v !== null)) out.push({ key: `${c.fold}-val`, d: line(c.valLoss), validation: true, color });
    return out.filter((p) => p.d !== '');
  });
  return { paths, epochs, lossMin, lossMax };
}
