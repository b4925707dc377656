/**
 * The header row: names every column can be looked up by safely, and the mapping from roles
 * (time, open, ..., close, volume) and output columns to headers. A repeated header or one that
 * is a JavaScript object property (`__proto__`, `constructor`, `toString`) is renamed to
 * `<name> (column N)` and said so, never dropped or merged; a blank header's column is left out,
 * and said so. Lookups use Maps and own properties.
 */

export type CsvRole = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

const ROLE_ALIASES: ReadonlyArray<[CsvRole, readonly string[]]> = [
  ['time', ['time', 'date', 'timestamp', 'datetime', 'year', 'open_time', 'opentime', 'unix', 'time_period_start']],
  ['open', ['open', 'o']],
  ['high', ['high', 'h']],
  ['low', ['low', 'l']],
  ['close', ['close', 'c', 'price', 'priceusd', 'adj close', 'close_price']],
  ['volume', ['volume', 'vol', 'v', 'volume_base']],
];

/** Names an object literal already has (`{}`'s prototype): never usable as a column key. */
const RESERVED = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}

export interface CsvHeaders {
  /** One unique, safe name per column, in file order. */
  names: string[];
  /** What was renamed and why, for the report. */
  notes: string[];
}

export function readHeaders(fields: readonly string[], line: number): CsvHeaders {
  const names: string[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  const taken = new Set(fields.map((f) => f.trim()));
  fields.forEach((field, i) => {
    const original = field.trim();
    const column = i + 1;
    const first = seen.get(original);
    if (original === '') {
      names.push('');
      notes.push(`line ${line}, column ${column}: the header is blank; the column is left out (name it in the file to use it)`);
      return;
    }
    let reason: string | null = null;
    if (first !== undefined) reason = `repeats column ${first}`;
    else if (isReservedName(original)) reason = 'is a reserved name';
    if (first === undefined) seen.set(original, column);
    if (reason === null) {
      names.push(original);
      return;
    }
    let renamed = `${original} (column ${column})`;
    for (let k = 2; taken.has(renamed); k++) renamed = `${original} (column ${column}, ${k})`;
    taken.add(renamed);
    names.push(renamed);
    notes.push(`line ${line}, column ${column}: the header "${original}" ${reason}; it is read as "${renamed}"`);
  });
  return { names, notes };
}

/**
 * Output column -> header. Given entries are checked against the headers; the roles not given
 * are found by common names; every other header becomes an output column of its own name.
 */
export function resolveMapping(headers: readonly string[], given: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const mapping = new Map<string, string>();
  const known = new Set(headers);
  for (const [output, header] of Object.entries(given ?? {})) {
    if (isReservedName(output)) throw new Error(`CSV mapping: "${output}" is a reserved name and cannot name a column; choose another output name`);
    if (!known.has(header)) {
      throw new Error(`CSV mapping: ${output} -> "${header}", but the file has no such column; columns: ${headers.join(', ')}`);
    }
    mapping.set(output, header);
  }
  const used = new Set(mapping.values());
  const lower = headers.map((h) => h.toLowerCase());
  for (const [role, aliases] of ROLE_ALIASES) {
    if (mapping.has(role)) continue;
    const index = lower.findIndex((h, i) => aliases.includes(h) && !used.has(headers[i]!));
    if (index >= 0) {
      mapping.set(role, headers[index]!);
      used.add(headers[index]!);
    }
  }
  for (const header of headers) {
    if (used.has(header) || header === '') continue;
    // A header named like an output already mapped elsewhere (a "close" beside a mapped "Price") stays, renamed.
    mapping.set(mapping.has(header) ? `${header} (unmapped)` : header, header);
  }
  for (const required of ['time', 'close'] as const) {
    if (!mapping.has(required)) {
      throw new Error(`CSV has no ${required} column (found: ${headers.join(', ')}); map one, e.g. mapping.${required} = "<header>"`);
    }
  }
  return mapping;
}
