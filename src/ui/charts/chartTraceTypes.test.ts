import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_TRACE_TYPES, unregisteredTraceError, unregisteredTraceTypes } from './chartTraceTypes';

const root = join(import.meta.dirname, '..', '..', '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|testkit)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

// Every trace type plotly.js has: one module per type in plotly.js/lib (besides the bundles, core and add-ons).
const plotlyTraceTypes = new Set(
  readdirSync(join(root, 'node_modules', 'plotly.js', 'lib'))
    .filter((name) => name.endsWith('.js') && !name.startsWith('index') && !['core.js', 'calendars.js'].includes(name))
    .map((name) => name.slice(0, -'.js'.length)),
);

describe('the plotly bundle registers every trace type the views draw', () => {
  it('finds plotly trace types in the views and each is registered', () => {
    const used = new Map<string, string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\btype: '([a-z0-9]+)'/g)) {
        const type = match[1]!;
        if (plotlyTraceTypes.has(type)) used.set(type, relative(root, file));
      }
    }
    expect(used.size, 'the views use scatter, bar, ... (the scan finds them)').toBeGreaterThanOrEqual(4);
    const missing = [...used].filter(([type]) => !(CHART_TRACE_TYPES as readonly string[]).includes(type));
    expect(missing, missing.length ? unregisteredTraceError(missing.map(([type]) => type)) : '').toEqual([]);
  });

  it('registers only trace types plotly has, and no WebGL one (regl needs eval, which the CSP forbids)', () => {
    for (const type of CHART_TRACE_TYPES) expect(plotlyTraceTypes.has(type), type).toBe(true);
    expect(CHART_TRACE_TYPES.filter((type) => /gl$|^parcoords$|^splom$|3d$|^surface$|^mesh3d$/.test(type))).toEqual([]);
  });

  it('names the unregistered types of a chart and where to add them', () => {
    expect(unregisteredTraceTypes([{ type: 'scatter' }, {}, { type: 'bar' }])).toEqual([]);
    expect(unregisteredTraceTypes([{ type: 'heatmap' }, { type: 'scatter' }, { type: 'heatmap' }])).toEqual(['heatmap']);
    expect(unregisteredTraceError(['heatmap'])).toContain('chartTraceTypes.ts');
  });
});
