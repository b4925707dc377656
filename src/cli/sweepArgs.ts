import { availableParallelism } from 'node:os';

export interface SweepCliArgs {
  command: 'sweep' | 'worker';
  notebook?: string;
  out?: string;
  /** redis://HOST:PORT: trials go on (sweep) or come from (worker) a BullMQ queue. */
  queue?: string;
  /** Local trial threads (sweep without --queue) or trials at once (worker). */
  workers: number;
  backend: 'cpu' | 'wasm';
  dataDirs: string[];
  quiet: boolean;
  /** sweep: the folder of finished trials a rerun resumes from (default: .cfl-sweep-trials beside the notebook). */
  store?: string;
  /** worker: a trial's lock lasts this long without renewal before another worker may take it (a killed worker). */
  lockSeconds?: number;
}

export const SWEEP_USAGE = `usage: npm run cli -- sweep <notebook.json> [--out sweep.json] [--workers N] [--queue redis://HOST:PORT] [--backend cpu|wasm] [--data-dir <dir>]... [--store <dir>] [--quiet]
       npm run cli -- worker --queue redis://HOST:PORT [--workers N] [--lock-seconds S] [--backend cpu|wasm] [--data-dir <dir>]...

  sweep   runs the notebook's sweep cell: the trials on the bars before the hold-out, the best of
          them once on the hold-out, and writes the sweep report (JSON). Without --queue the trials
          run in N local worker threads (default: the cores less one). With --queue they go on a
          BullMQ queue in Redis and any number of \`worker\` processes, on any machines, run them.
          Finished trials are kept in --store (default .cfl-sweep-trials beside the notebook):
          a rerun after a Ctrl-C, a crash or a lost Redis resumes from them.
  worker  takes trials from the queue and runs them (each in a sandboxed child process, so training
          never stalls the job lock), N at a time (default 1). CSV paths are read as on the sweep's
          machine (shared storage) or from a --data-dir. A killed worker's trial goes to another
          worker once its lock (--lock-seconds, default 30) expires.`;

export function parseSweepArgs(argv: readonly string[]): SweepCliArgs {
  const [command, ...rest] = argv;
  if (command !== 'sweep' && command !== 'worker') throw new Error(`unknown command "${command ?? ''}"\n${SWEEP_USAGE}`);
  const args: SweepCliArgs = { command, workers: command === 'worker' ? 1 : Math.max(1, availableParallelism() - 1), backend: 'wasm', dataDirs: [], quiet: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value\n${SWEEP_USAGE}`);
      return next;
    };
    if (arg === '--out') args.out = value();
    else if (arg === '--queue') {
      const url = value();
      if (!/^rediss?:\/\/[^/\s]+/.test(url)) throw new Error(`--queue must be a Redis URL like redis://HOST:PORT, got "${url}"`);
      args.queue = url;
    } else if (arg === '--workers') {
      const text = value();
      if (!/^\d{1,3}$/.test(text) || Number(text) < 1) throw new Error(`--workers must be a whole number >= 1, got "${text}"`);
      args.workers = Number(text);
    } else if (arg === '--backend') {
      const backend = value();
      if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`--backend must be cpu or wasm, got "${backend}"`);
      args.backend = backend;
    } else if (arg === '--data-dir') args.dataDirs.push(value());
    else if (arg === '--store' && command === 'sweep') args.store = value();
    else if (arg === '--lock-seconds' && command === 'worker') {
      const text = value();
      if (!/^\d{1,4}$/.test(text) || Number(text) < 1) throw new Error(`--lock-seconds must be a whole number >= 1, got "${text}"`);
      args.lockSeconds = Number(text);
    }
    else if (arg === '--quiet') args.quiet = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${SWEEP_USAGE}`);
    else if (command === 'sweep' && !args.notebook) args.notebook = arg;
    else throw new Error(`unexpected argument "${arg}"\n${SWEEP_USAGE}`);
  }
  if (command === 'sweep' && !args.notebook) throw new Error(`sweep needs a notebook file\n${SWEEP_USAGE}`);
  if (command === 'worker' && !args.queue) throw new Error(`worker needs --queue redis://HOST:PORT\n${SWEEP_USAGE}`);
  return args;
}
