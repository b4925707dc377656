/**
 * Cost of the deterministic elementary functions (src/core/math) against the engine's Math.*:
 * nanoseconds per call on 1M inputs of each function's working range, and the demo's data
 * generation (the transcendental-heaviest step of a run: 1,500 bars, ~8 log/exp/sin/cos per bar).
 */
import { resolve } from 'node:path';
import { cos, exp, log, log1p, pow, sin } from '../src/core/math';
import { createRng } from '../src/core/rng';
import { generateDemoMarket } from '../src/sources/demo';
import type { BenchResult } from './node';

const N = 1_000_000;

/** ns per call of f over xs, best of 5 passes (the sum keeps the calls from being optimized away). */
function nsPerCall(f: (x: number) => number, xs: Float64Array): number {
  let best = Infinity;
  let sink = 0;
  for (let pass = 0; pass < 5; pass++) {
    const started = performance.now();
    for (let i = 0; i < xs.length; i++) sink += f(xs[i]!);
    best = Math.min(best, ((performance.now() - started) * 1e6) / xs.length);
  }
  if (sink === 0.123456789) process.stderr.write('');
  return best;
}

export function detmathBenchmarks(log_: (line: string) => void): BenchResult[] {
  const rng = createRng(1);
  const draw = (f: () => number) => Float64Array.from({ length: N }, f);
  const positive = draw(() => rng.next() * 100 + 1e-9);
  const moderate = draw(() => (rng.next() - 0.5) * 40);
  const unit = draw(() => rng.next() * 2 - 0.5);
  const cases: [string, (x: number) => number, (x: number) => number, Float64Array][] = [
    ['log', log, Math.log, positive],
    ['log1p', log1p, Math.log1p, unit],
    ['exp', exp, Math.exp, moderate],
    ['sin', sin, Math.sin, moderate],
    ['cos', cos, Math.cos, moderate],
    ['pow', (x) => pow(x, 1.37), (x) => Math.pow(x, 1.37), positive],
  ];
  const results: BenchResult[] = cases.map(([name, ours, engine, xs]) => {
    const mine = nsPerCall(ours, xs);
    const theirs = nsPerCall(engine, xs);
    log_(`detmath.${name}: ${mine.toFixed(1)} ns/call (Math.${name} ${theirs.toFixed(1)} ns)`);
    return { name: `detmath.${name}`, value: mine, unit: 'ns/call', detail: { mathNsPerCall: theirs, ratio: mine / theirs, calls: N } };
  });
  let best = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const started = performance.now();
    generateDemoMarket({ seed: 42, bars: 1500 });
    best = Math.min(best, performance.now() - started);
  }
  log_(`detmath.demoMarket: ${best.toFixed(2)} ms for 1,500 bars`);
  results.push({ name: 'detmath.demoMarket', value: best, unit: 'ms', detail: { bars: 1500 } });
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.stdout.write(`${JSON.stringify(detmathBenchmarks((line) => process.stderr.write(`${line}\n`)), null, 2)}\n`);
}
