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

/** The first bound the text breaks, as a sentence naming where and the fix; null when within. */
export function jsonTextProblem(text: string, limits: Limits = NOTEBOOK_JSON_LIMITS): string | null {
  if (text.length > limits.maxChars) {
    return `the text is ${text.length.toLocaleString('en-US')} characters; a notebook is at most ${limits.maxChars.toLocaleString('en-US')} (is this the right file?)`;
  }
  // One pass over the text: container depth, and the commas of each open array (-1 marks an object).
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
    else if (ch === 0x5b || ch === 0x7b) {
      counts.push(ch === 0x5b ? 0 : -1);
      if (counts.length > limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels at character ${i + 1}; a notebook is a few levels deep`;
    } else if (ch === 0x5d || ch === 0x7d) counts.pop();
    else if (ch === 0x2c && counts.length > 0 && counts[counts.length - 1]! >= 0) {
      const commas = counts[counts.length - 1]! + 1;
      counts[counts.length - 1] = commas;
      if (commas + 1 > limits.maxArrayLength) return `an array longer than ${limits.maxArrayLength.toLocaleString('en-US')} elements at character ${i + 1}`;
    }
  }
  return null;
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
