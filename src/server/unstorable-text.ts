import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// PostgreSQL cannot store U+0000 in text, and no person types it: refuse it at the door, on the field that
// holds it, before any handler runs — rather than let one database accept what the other throws on.
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const fields: { field: string; message: 'nul_character' }[] = [];
  for (const [part, value] of [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const)
    collect(value, part === 'body' ? '' : part, fields);
  if (fields.length > 0) throw new AppError('validation_failed', { fields: fields.slice(0, 20) });
}

function collect(
  value: unknown,
  path: string,
  out: { field: string; message: 'nul_character' }[],
  depth = 0,
) {
  if (out.length >= 20 || depth > 64) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path, message: 'nul_character' });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collect(item, join(path, String(i)), out, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collect(item, join(path, key), out, depth + 1);
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
