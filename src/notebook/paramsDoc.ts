/**
 * The README's reference tables (models, features, data sources, cell kinds, backtest rules),
 * generated from the declarations: `npm run docs:params` writes them between the README's
 * `<!-- params:start -->` and `<!-- params:end -->` markers, and a test fails when they differ.
 */
import { z } from 'zod';
import { BACKTEST_RULES, FEATURE_DECLARATIONS, MODEL_SCHEMAS, SOURCE_SCHEMAS } from '../spec';
import { CELL_DECLARATIONS } from './cells/declarations';

export const PARAMS_START = '<!-- params:start -->';
export const PARAMS_END = '<!-- params:end -->';

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  unit?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

type Row = [name: string, defaultValue: string, range: string, unit: string, help: string];

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (value: unknown): string => `\`${JSON.stringify(value)}\``;
const BIG = Number.MAX_SAFE_INTEGER;

function numberRange(s: JsonSchema): string {
  const kind = s.type === 'integer' ? 'int' : 'number';
  const lo = s.exclusiveMinimum !== undefined ? `>${s.exclusiveMinimum}` : s.minimum !== undefined && s.minimum > -BIG ? `${s.minimum}` : '';
  const hi = s.exclusiveMaximum !== undefined ? `<${s.exclusiveMaximum}` : s.maximum !== undefined && s.maximum < BIG ? `${s.maximum}` : '';
  if (lo && hi) return `${kind} ${lo}..${hi}`;
  if (lo) return `${kind} ${lo.startsWith('>') ? lo : `≥ ${lo}`}`;
  if (hi) return `${kind} ${hi.startsWith('<') ? hi : `≤ ${hi}`}`;
  return kind;
}

function unionRange(options: JsonSchema[]): string {
  if (options.every((o) => o.title !== undefined)) return options.length > 10 ? `one of ${options.length} kinds (see below)` : `one of: ${options.map((o) => o.title).join(', ')}`;
  return options.map(range).join(' or ');
}

function range(s: JsonSchema): string {
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(', ');
  const options = s.anyOf ?? s.oneOf;
  if (options) return unionRange(options);
  switch (s.type) {
    case 'integer':
    case 'number':
      return numberRange(s);
    case 'boolean':
      return 'true / false';
    case 'string':
      return s.format ? `${s.format} text` : s.pattern ? `text (${s.pattern})` : 'text';
    case 'array': {
      const size = s.minItems !== undefined && s.minItems > 0 ? `${s.minItems}..${s.maxItems ?? '∞'}` : `≤ ${s.maxItems ?? '∞'}`;
      return `list (${size}) of ${s.items ? range(s.items) : 'values'}`;
    }
    case 'object':
      return s.properties ? 'object' : 'map of text';
    default:
      return '';
  }
}

/** One row per field (nested objects flattened as `a.b`); `skip` names the fields not to list. */
function rows(schema: z.ZodType, skip: readonly string[] = ['type', 'id', 'kind']): Row[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: Row[] = [];
  const walk = (s: JsonSchema, prefix: string) => {
    for (const [name, field] of Object.entries(s.properties ?? {})) {
      if (!prefix && skip.includes(name)) continue;
      const path = prefix + name;
      const required = s.required?.includes(name) === true && field.default === undefined;
      const defaultValue = field.default !== undefined ? code(field.default) : required ? 'required' : 'optional';
      out.push([path, defaultValue, range(field), field.unit ?? '', field.description ?? '']);
      if (field.type === 'object' && field.properties) walk(field, `${path}.`);
    }
  };
  walk(json, '');
  return out;
}

function table(header: string[], body: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

const titleOf = (schema: z.ZodType): string => schema.meta()?.title ?? '';
const descriptionOf = (schema: z.ZodType): string => schema.meta()?.description ?? '';

function entityTables(heading: string, entries: { id: string; schema: z.ZodType }[], idLabel: string): string {
  const body = entries.flatMap(({ id, schema }) => {
    const fields = rows(schema);
    const head = [`**\`${id}\`**`, '', '', '', '', `${titleOf(schema)}: ${descriptionOf(schema)}`];
    return [head, ...fields.map((r) => ['', ...r])];
  });
  return `### ${heading}\n\n${table([idLabel, 'parameter', 'default', 'range', 'unit', 'help'], body)}`;
}

export function renderParamTables(): string {
  const models = entityTables('Models', MODEL_SCHEMAS.map((s) => ({ id: s.shape.type.value, schema: s })), 'model');
  const sources = entityTables('Data sources', SOURCE_SCHEMAS.map((s) => ({ id: s.shape.type.value, schema: s })), 'type');
  const features = `### Features\n\nEvery feature entry also takes \`column\` (apply it to another column) and \`columns\` (role -> column).\n\n${table(
    ['feature', 'inputs', 'parameter', 'default', 'range', 'unit', 'help'],
    FEATURE_DECLARATIONS.flatMap((f) => {
      const head = [`**\`${f.name}\`**`, f.inputs.join(', ') || 'bar time', '', '', '', '', `${f.label}: ${f.description}`];
      return [head, ...rows(f.params).map((r) => ['', '', ...r])];
    }),
  )}`;
  const cells = entityTables('Cells', CELL_DECLARATIONS.map((c) => ({ id: c.kind, schema: c.schema })), 'cell');
  const rules = `### Backtest rules\n\n${table(['rule', 'name', 'does'], BACKTEST_RULES.map((r) => [`\`${r.id}\``, r.title, r.description]))}`;
  return [cells, models, features, sources, rules].join('\n\n');
}

/** The README with its generated part replaced; throws when a marker is missing. */
export function withParamTables(readme: string): string {
  const start = readme.indexOf(PARAMS_START);
  const end = readme.indexOf(PARAMS_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${PARAMS_START} and ${PARAMS_END}`);
  return `${readme.slice(0, start + PARAMS_START.length)}\n<!-- generated by npm run docs:params from the declarations; do not edit by hand -->\n\n${renderParamTables()}\n\n${readme.slice(end)}`;
}
