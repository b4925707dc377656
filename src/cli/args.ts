import type { BackendPreference } from '../core/executor';

export interface CliArgs {
  command: 'run' | 'features' | 'train-model' | 'predict' | 'help';
  notebook?: string;
  out?: string;
  /** run: also write the standalone HTML report to this file (--html). */
  html?: string;
  /** predict: the directory train-model wrote. */
  model?: string;
  backend: Extract<BackendPreference, 'cpu' | 'wasm'>;
  quiet: boolean;
  /** Folders besides the notebook's own that a CSV `path` may point into (--data-dir, repeatable). */
  dataDirs: string[];
  /** run: strategy configurations tried, for the deflated Sharpe ratio (--trials). */
  trials?: number;
}

export const USAGE = `usage: npm run cli -- run <notebook.json> [--out report.json] [--html report.html] [--backend cpu|wasm] [--trials N] [--data-dir <dir>]... [--quiet]
       npm run cli -- features <notebook.json> [--out features.csv]
       npm run cli -- train-model <notebook.json> --out <dir> [--backend cpu|wasm]
       npm run cli -- predict <notebook.json> --model <dir> [--out forecast.json]
       npm run cli -- link <notebook.json> [--base <app url>]   (prints its share link; every command reads '<url>#nb=...' too)
       npm run cli -- explain <notebook.json> [--date YYYY-MM-DD] (attributions; explain --help)

  run        runs every cell of the notebook in Node and prints the run report (JSON);
             --out writes it to a file instead; --html also writes a standalone HTML report
             (one file, no script, opens offline). The default backend is wasm (falls back to cpu).
  features   runs the data and features cells and writes the feature table as CSV: a time
             column (ISO), one column per feature, and the target (the forward return).
  train-model trains the notebook's model on its most recent training window (the walkforward
             trainSize rows ending at the last known target) and writes <dir>/model.json +
             weights.bin (tfjs layers format) + meta.json (scaler, features, provenance).
  predict    forecasts the bar after the last one of the notebook's data with a saved model
             (no retraining) and prints the forecast as JSON.
  A CSV source's "path" is read relative to the notebook file and must stay inside the
  notebook's folder (no "..", absolute path or symlink out of it) or a folder named with
  --data-dir <dir> (repeatable).
  --trials N  the number of strategy configurations tried before this one (a sweep, earlier
             runs): the deflated Sharpe ratio corrects for picking the best of N. Default 1.`;

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help', backend: 'wasm', quiet: false, dataDirs: [] };
  if (command !== 'run' && command !== 'features' && command !== 'train-model' && command !== 'predict') throw new Error(`unknown command "${command}"\n${USAGE}`);
  const args: CliArgs = { command, backend: 'wasm', quiet: false, dataDirs: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--out') args.out = rest[++i] ?? '';
    else if (arg === '--html') args.html = rest[++i] ?? '';
    else if (arg === '--model') args.model = rest[++i] ?? '';
    else if (arg === '--backend') {
      const value = rest[++i];
      if (value !== 'cpu' && value !== 'wasm') throw new Error(`--backend must be cpu or wasm, got "${value ?? ''}"`);
      args.backend = value;
    } else if (arg === '--data-dir') {
      const dir = rest[++i];
      if (!dir) throw new Error('--data-dir needs a folder');
      args.dataDirs.push(dir);
    } else if (arg === '--trials') {
      const value = rest[++i] ?? '';
      const trials = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
      if (!(trials >= 1)) throw new Error(`--trials must be a whole number >= 1 (configurations tried), got "${value}"`);
      args.trials = trials;
    } else if (arg === '--quiet') args.quiet = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (!args.notebook) args.notebook = arg;
    else throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
  }
  if (!args.notebook) throw new Error(`${command} needs a notebook file\n${USAGE}`);
  if (args.out === '') throw new Error('--out needs a file name');
  if (args.html === '') throw new Error('--html needs a file name, e.g. --html report.html');
  if (args.html !== undefined && command !== 'run') throw new Error('--html is an option of run');
  if (command === 'train-model' && !args.out) throw new Error(`train-model needs --out <dir>, the directory to write the model files to\n${USAGE}`);
  if (command === 'predict' && !args.model) throw new Error(`predict needs --model <dir>, a directory written by train-model\n${USAGE}`);
  if (args.model !== undefined && command !== 'predict') throw new Error('--model is an option of predict');
  if (args.trials !== undefined && command !== 'run') throw new Error('--trials is an option of run');
  return args;
}
