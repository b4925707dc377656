/**
 * Bounds checked on untrusted JSON text BEFORE JSON.parse builds anything (a 100k-deep nesting
 * or a million-element array is refused by a linear scan, not by a stack overflow or an
 * allocation), and keys that could reach an object's prototype, refused after it with their path.
 */
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

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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
