import type { z } from 'zod';
import { samePath, startsWith, type Path } from './path';

/** One problem of a value, at the path of the field that holds it. */
export interface FormIssue {
  path: Path;
  message: string;
}

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((k) => (typeof k === 'number' ? k : String(k)));
}

/** Zod's issues as form issues; an unknown key is reported at that key, where the JSON view can find it. */
export function formIssues(error: z.ZodError): FormIssue[] {
  return error.issues.flatMap((issue) => {
    const path = toPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"; remove it or check its spelling` }));
    }
    return [{ path, message: issue.message }];
  });
}

export type Checked<T> = { ok: true; value: T; issues: readonly FormIssue[] } | { ok: false; issues: readonly FormIssue[] };

const NO_ISSUES: readonly FormIssue[] = Object.freeze([]);

/** Parses with any schema and reports issues by path. */
export function check<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data, issues: NO_ISSUES } : { ok: false, issues: formIssues(result.error) };
}

/** The issues reported exactly at `path`. */
export function issuesAt(issues: readonly FormIssue[], path: Path): FormIssue[] {
  return issues.filter((i) => samePath(i.path, path));
}

/** The issues at `path` or inside it (a cell's, say). */
export function issuesWithin(issues: readonly FormIssue[], path: Path): FormIssue[] {
  return issues.filter((i) => startsWith(i.path, path));
}
