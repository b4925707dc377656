/**
 * Bounds a notebook's JSON text before JSON.parse sees it, and its keys after: a file or link
 * from someone else may be 50 MB, nested 100,000 deep, or carry `__proto__` keys that a later
 * `Object.assign` or spread would turn into prototype pollution. A notebook is none of these
 * (100 cells, 20,000-character notes, a few levels deep), so the limits cost nothing real.
 */
export const NOTEBOOK_JSON_LIMITS = {
  /** Characters of JSON text (a file's bytes are checked against it too, before reading). */
  maxChars: 8_000_000,
  maxDepth: 32,
  maxArrayLength: 10_000,
} as const;

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Limits = { maxChars: number; maxDepth: number; maxArrayLength: number };

export interface JsonBounds {
  maxDepth: number;
  maxArrayLength: number;
}

export type JsonBoundProblem = { kind: 'depth'; at: number; limit: number } | { kind: 'array'; at: number; limit: number };

/** The first bound the text breaks (character offsets), or null. Strings are skipped, escapes included. */
export function checkJsonBounds(text: string, bounds: JsonBounds): JsonBoundProblem | null {
  // Per open container: -1 for an object, else the commas of the array so far (its length - 1).
  const counts: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (counts.length >= bounds.maxDepth) return { kind: 'depth', at: i, limit: bounds.maxDepth };
      counts.push(ch === 0x7b ? -1 : 0);
    } else if (ch === 0x7d || ch === 0x5d) counts.pop();
    else if (ch === 0x2c) {
      const last = counts.length - 1;
      if (last >= 0 && counts[last]! >= 0) {
        counts[last]! += 1;
        if (counts[last]! + 1 > bounds.maxArrayLength) return { kind: 'array', at: i, limit: bounds.maxArrayLength };
      }
    }
  }
  return null;
}

/** The first bound the text breaks, as a sentence naming where and the fix; null when within. */
export function jsonTextProblem(text: string, limits: Limits = NOTEBOOK_JSON_LIMITS): string | null {
  if (text.length > limits.maxChars) {
    return `the text is ${text.length.toLocaleString('en-US')} characters; a notebook is at most ${limits.maxChars.toLocaleString('en-US')} (is this the right file?)`;
  }
  const problem = checkJsonBounds(text, limits);
  if (!problem) return null;
  return problem.kind === 'depth'
    ? `nesting deeper than ${problem.limit} levels at character ${problem.at + 1}; a notebook is a few levels deep`
    : `an array longer than ${problem.limit.toLocaleString('en-US')} elements at character ${problem.at + 1}`;
}

/** Paths of keys that could pollute a prototype (`cells[2].__proto__`), in document order. */
export function forbiddenKeyPaths(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenKeyPaths(item, `${path}[${i}]`));
  return Object.keys(value).flatMap((key) => {
    const here = path ? `${path}.${key}` : key;
    const own = FORBIDDEN_KEYS.has(key) ? [here] : [];
    return [...own, ...forbiddenKeyPaths((value as Record<string, unknown>)[key], here)];
  });
}

/** The path of the first key named __proto__, constructor or prototype, or null. */
export function findForbiddenKey(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key];
    const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return null;
}
