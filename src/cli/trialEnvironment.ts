import * as tf from '@tensorflow/tfjs';
import { createLocalExecutor } from '../ml/localExecutor';
import { createMemoryCache, type RunCache } from '../notebook/cache';
import type { RunEnvironment } from '../notebook/runState';
import packageJson from '../../package.json' with { type: 'json' };
import { sharedEnvironment } from './environment';

/** Where a CLI trial runs: its notebook's folder for CSV paths, the backend, and a run cache kept for the process's life. */
export interface TrialPlace {
  notebookPath: string;
  dataDirs: string[];
  backend: 'cpu' | 'wasm';
}

export function cliVersions(): Record<string, string> {
  return { app: packageJson.version, tfjs: tf.version.tfjs, node: process.version };
}

let cache: RunCache | undefined;
const loaders = new Map<string, RunEnvironment['loadData']>();

/** The run environment of a trial in a CLI thread, process or queue worker: the same as `npm run cli -- run`. */
export function trialEnvironment(place: TrialPlace): RunEnvironment {
  const key = JSON.stringify([place.notebookPath, place.dataDirs]);
  if (!loaders.has(key)) loaders.set(key, sharedEnvironment({ quiet: true, dataDirs: place.dataDirs }, place.notebookPath).loadData);
  const loadData = loaders.get(key)!;
  cache ??= createMemoryCache();
  return { executor: createLocalExecutor(place.backend), loadData, versions: cliVersions(), cache };
}
