/** Query-string parsing with Deel-style 400s (`errors[].path` names the parameter). */
import { badRequest } from './errors.js';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Values of an array parameter. Accepts every spelling clients use: repeated `name=a&name=b`
 * (OpenAPI form/explode), `name[]=a`, and comma-separated `name=a,b`.
 */
export function queryList(q: URLSearchParams, name: string): string[] {
  const raw = [...q.getAll(name), ...q.getAll(`${name}[]`)];
  const out: string[] = [];
  for (const v of raw) for (const part of v.split(',')) if (part.trim()) out.push(part.trim());
  return out;
}

export function queryEnumList(
  q: URLSearchParams,
  name: string,
  allowed: readonly string[],
): string[] | undefined {
  const values = queryList(q, name);
  if (values.length === 0) return undefined;
  for (const v of values) {
    if (!allowed.includes(v)) {
      throw badRequest(
        `"${v}" is not a valid value for ${name}; expected one of: ${allowed.join(', ')}`,
        name,
      );
    }
  }
  return values;
}

export function queryEnum<T extends string>(
  q: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const hit = allowed.find((a) => a === v);
  if (hit === undefined) {
    throw badRequest(
      `"${v}" is not a valid value for ${name}; expected one of: ${allowed.join(', ')}`,
      name,
    );
  }
  return hit;
}

export function queryInt(
  q: URLSearchParams,
  name: string,
  opts: { min: number; max?: number; fallback: number },
): number {
  const v = q.get(name);
  if (v === null || v === '') return opts.fallback;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${name} must be an integer`, name);
  const n = Number(v);
  if (n < opts.min) throw badRequest(`${name} must be at least ${opts.min}`, name);
  if (opts.max !== undefined && n > opts.max) {
    throw badRequest(`${name} must be at most ${opts.max}`, name);
  }
  return n;
}
