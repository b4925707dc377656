/** Checks a value against a declaration and names each bad field by its path. */
import type { z } from 'zod';

/** `cells[2].model.units` style paths, so a user can find the field in the JSON. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

export class SpecError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string[],
  ) {
    super(problems.join("; "));
    this.name = 'SpecError';
  }
}

/** The parsed value (defaults filled), or a SpecError listing `what.path: message` for every problem. */
export function checkSpec<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SpecError(
    what,
    result.error.issues.map((issue) => `${formatPath([what, ...issue.path])}: ${issue.message}`),
  );
}

/** A message or request from another thread or process, parsed, or an Error `what: path: message; ...`. */
export function checkRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`${what}: ${result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ')}`);
}
