/** A location inside a JSON value: object keys and array indices, as zod reports issue paths. */
export type PathKey = string | number;
export type Path = readonly PathKey[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isRecord(value) && typeof key === 'string') value = value[key];
    else return undefined;
  }
  return value;
}

/**
 * A copy of `root` with `value` at `path`; only the objects along the path are copied, so the
 * rest is shared (cheap history snapshots). `undefined` removes: an object's key, or a list's
 * item (the later items move up). A missing step is created as an object (string key) or a list
 * (number key).
 */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  if (typeof key === 'number') {
    const array = Array.isArray(root) ? root.slice() : [];
    if (key < 0 || key > array.length) throw new RangeError(`index ${key} is outside the list of ${array.length} at this path`);
    const next = setAt(array[key], rest, value);
    if (next === undefined && rest.length === 0) array.splice(key, 1);
    else array[key] = next;
    return array;
  }
  const object: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  const next = setAt(object[key], rest, value);
  if (next === undefined) delete object[key];
  else object[key] = next;
  return object;
}

/** `cells[2].model.units`: how the JSON view and error messages name a path. */
export function pathText(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}

export function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => key === path[i]);
}
