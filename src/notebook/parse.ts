import type { z } from 'zod';
import { formatPath } from '../spec/check';
import { forbiddenKeyPaths, jsonTextProblem } from './jsonBounds';
import { notebookSchema, type NotebookDoc } from './schema';

export class NotebookFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid notebook: ${problems.join('; ')}`);
    this.name = 'NotebookFormatError';
  }
}

export { formatPath };

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** Validates untrusted JSON (file, link, IndexedDB row) into a notebook, or throws with paths. */
export function parseNotebook(input: unknown): NotebookDoc {
  const result = notebookSchema.safeParse(input);
  if (!result.success) throw new NotebookFormatError(describeIssues(result.error));
  return result.data;
}

/** Parses a notebook file or link's JSON: bounded before parsing, pollution keys refused after. */
export function parseNotebookJson(text: string): NotebookDoc {
  const bound = jsonTextProblem(text);
  if (bound) throw new NotebookFormatError([bound]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the start of the input ("root:x:0:0"...): errors never echo a file's content.
    const reason = (error as Error).message.replace(/,?\s*"(?:[^"\\]|\\.)*"(?:\.\.\.)?\s*is not valid JSON/, '').replace(/\s*"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g, '');
    throw new NotebookFormatError([`not valid JSON (${reason})`]);
  }
  const polluting = forbiddenKeyPaths(json);
  if (polluting.length > 0) throw new NotebookFormatError(polluting.slice(0, 5).map((path) => `${path}: the key is refused (it could rewrite object prototypes); remove it`));
  return parseNotebook(json);
}
