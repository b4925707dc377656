import type { Field } from './describe';

function describeField(key: string, field: Field): string {
  const parts: string[] = [];
  if (field.kind === 'number' || field.kind === 'integer') {
    const range = field.min !== undefined || field.max !== undefined ? ` ${field.min ?? '−∞'}${field.minExclusive ? ' (excl.)' : ''}..${field.max ?? '∞'}${field.maxExclusive ? ' (excl.)' : ''}` : '';
    parts.push(`${field.kind}${range}`);
  } else if (field.kind === 'enum') parts.push(`one of ${field.options.join(', ')}`);
  else if (field.kind === 'union') parts.push(`${field.discriminator}: ${field.members.map((m) => m.value).join(', ')}`);
  else if (field.kind === 'record') parts.push(`record of ${field.key.kind === 'enum' ? `(${field.key.options.join(' | ')})` : 'key'} -> ${field.value.kind}`);
  else parts.push(field.kind === 'literal' ? JSON.stringify(field.value) : field.kind);
  if (field.unit) parts.push(field.unit);
  if (field.default !== undefined) parts.push(`default ${JSON.stringify(field.default)}`);
  else if (!field.required) parts.push('optional');
  return `${key}: ${parts.join(', ')}${field.help ? ` — ${field.help}` : ''}`;
}

/**
 * One line per field key of a descriptor tree (type, range, default, help), for the JSON view's
 * hover. A key declared differently in several places lists each distinct line.
 */
export function keyHints(root: Field): Map<string, string[]> {
  const hints = new Map<string, string[]>();
  const add = (key: string, field: Field) => {
    const line = describeField(key, field);
    const lines = hints.get(key) ?? [];
    if (!lines.includes(line)) hints.set(key, [...lines, line]);
  };
  const seen = new Set<Field>();
  const visit = (field: Field) => {
    if (seen.has(field)) return;
    seen.add(field);
    if (field.kind === 'array') visit(field.item);
    if (field.kind === 'record') visit(field.value);
    if (field.kind === 'union') for (const m of field.members) visit(m.field);
    if (field.kind === 'object') {
      for (const { key, field: child } of field.fields) {
        add(key, child);
        visit(child);
      }
    }
  };
  visit(root);
  return hints;
}
