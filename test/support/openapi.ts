/**
 * Validates requests and responses against Deel's published OpenAPI definitions in
 * `../shared/deel-openapi/*.yml` (see SOURCE.md there), with a real JSON-Schema validator (ajv,
 * draft 2020-12, which OpenAPI 3.1+/3.2 schemas are written in).
 *
 * - Each file's `components.schemas` become `$defs` of one ajv schema resource per file
 *   (`https://deel-openapi.local/<file>`), and every `#/components/schemas/X` ref is rewritten to
 *   point there, so nothing is inlined or approximated.
 * - Every `format` the files use must be known to ajv (ajv-formats covers date, date-time, time,
 *   email, uri, url, uuid, double, int64, ...); loading fails on an unknown one instead of
 *   silently skipping it. Unknown keywords also fail (strict schema mode).
 * - `strictRequired` stays off: contracts.yml lists `title` as required without declaring it.
 * - A status the operation does not document fails, except the few documented elsewhere
 *   (`DOCUMENTED_ELSEWHERE`: the 429 body from ../shared/deel-api.md).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_FILES = ['people.yml', 'organizations.yml', 'contracts.yml', 'workersession.yml'];
const ID_BASE = 'https://deel-openapi.local/';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type JsonObject = Record<string, unknown>;

export interface ValidationResult {
  ok: boolean;
  /** Human-readable problems; empty when ok. */
  errors: string[];
  /** `GET /people/{hris_profile_id}` (people.yml), when the operation was found. */
  operation?: string;
}

export interface ResponseToCheck {
  method: string;
  /** Concrete path below the server URL (`/people/123`) or a full URL containing `/rest/v2`. */
  path: string;
  status: number;
  /** Parsed JSON body; `undefined` for an empty body. */
  body: unknown;
  contentType?: string | null;
}

export interface RequestToCheck {
  method: string;
  /** Concrete path, optionally with a query string, or a full URL. */
  path: string;
  query?: URLSearchParams | Record<string, string | readonly string[]>;
  body?: unknown;
}

/**
 * Bodies Deel documents outside the OpenAPI files. deel-api.md: "A documented 429 body:
 * {"error":"Rate limit exceeded","status":429,"message":"Too many requests. Please wait before retrying."}".
 */
export const DOCUMENTED_ELSEWHERE: Readonly<Record<number, JsonObject>> = {
  429: {
    type: 'object',
    properties: {
      error: { type: 'string' },
      status: { type: 'number' },
      message: { type: 'string' },
    },
    required: ['error', 'status', 'message'],
  },
};

interface Operation {
  file: string;
  method: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
  op: JsonObject;
}

export interface OpenApiValidator {
  validateResponse(r: ResponseToCheck): ValidationResult;
  validateRequest(r: RequestToCheck): ValidationResult;
  /** Throws with every problem listed when the response does not conform. */
  assertResponse(r: ResponseToCheck): void;
  assertRequest(r: RequestToCheck): void;
  /** `METHOD template` of the operation a concrete path maps to, or undefined. */
  operationFor(method: string, path: string): string | undefined;
  /** The formats the spec files use (all registered). */
  formatsUsed: ReadonlySet<string>;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy with `#/components/schemas/X` refs pointed at the file's resource `$defs`. */
function rewriteRefs(node: unknown, fileId: string, formats: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, fileId, formats));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = /^#\/components\/schemas\/(.+)$/.exec(v);
      if (!m?.[1]) throw new Error(`unsupported $ref ${v} in ${fileId}`);
      out[k] = `${fileId}#/$defs/${m[1]}`;
    } else if (k === 'properties' && isObject(v)) {
      // Property names are data, not keywords: never treat a property called "format" as one.
      out[k] = Object.fromEntries(
        Object.entries(v).map(([name, s]) => [name, rewriteRefs(s, fileId, formats)]),
      );
    } else {
      if (k === 'format' && typeof v === 'string') formats.add(v);
      out[k] = rewriteRefs(v, fileId, formats);
    }
  }
  return out;
}

function templateRegex(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const body = template
    .split('/')
    .map((seg) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (!m?.[1]) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return { regex: new RegExp(`^${body}/?$`), names };
}

/** Strips origin and the `/rest/v2` (or `/rest`) prefix; returns path and query. */
function splitPath(p: string): { path: string; query: URLSearchParams } {
  const url = new URL(p, 'http://spec.invalid');
  let pathname = url.pathname;
  const m = /^\/rest(?:\/v2)?(\/.*)$/.exec(pathname);
  if (m?.[1]) pathname = m[1];
  return { path: pathname, query: url.searchParams };
}

function formatErrors(errors: readonly ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map(
    (e) =>
      `${where}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${
        e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''
      }`,
  );
}

/** Coerces one query-string value to what its parameter schema expects. */
function coerce(value: string, schema: JsonObject): unknown {
  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  if (types.includes('integer') && /^-?\d+$/.test(value)) return Number(value);
  if (types.includes('number') && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

export function defaultSpecDir(projectRoot?: string): string {
  const root =
    projectRoot ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.resolve(root, '../shared/deel-openapi');
}

export function loadDeelOpenApi(
  opts: { projectRoot?: string; specDir?: string } = {},
): OpenApiValidator {
  const dir = opts.specDir ?? defaultSpecDir(opts.projectRoot);
  if (!existsSync(dir)) {
    throw new Error(
      `Deel OpenAPI folder not found at ${dir}. The conformance tests need the shared ` +
        `specs (people.yml, organizations.yml, contracts.yml, workersession.yml) there.`,
    );
  }
  const present = new Set(readdirSync(dir));
  const missing = SPEC_FILES.filter((f) => !present.has(f));
  if (missing.length > 0) throw new Error(`missing OpenAPI files in ${dir}: ${missing.join(', ')}`);

  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    allErrors: true,
  });
  addFormats(ajv);

  const formatsUsed = new Set<string>();
  const operations: Operation[] = [];
  const docs = new Map<string, JsonObject>();
  for (const file of SPEC_FILES) {
    const doc: unknown = parse(readFileSync(path.join(dir, file), 'utf8'));
    if (!isObject(doc) || typeof doc['openapi'] !== 'string') {
      throw new Error(`${file} is not an OpenAPI document`);
    }
    const fileId = `${ID_BASE}${file}`;
    const components = isObject(doc['components']) ? doc['components'] : {};
    const schemas = isObject(components['schemas']) ? components['schemas'] : {};
    ajv.addSchema(
      { $id: fileId, $defs: rewriteRefs(schemas, fileId, formatsUsed) as JsonObject },
      fileId,
    );
    const rewritten = rewriteRefs(doc['paths'] ?? {}, fileId, formatsUsed);
    docs.set(file, isObject(rewritten) ? rewritten : {});
    for (const [template, item] of Object.entries(docs.get(file) ?? {})) {
      if (!isObject(item)) continue;
      const { regex, names } = templateRegex(template);
      for (const method of METHODS) {
        const op = item[method];
        if (isObject(op)) {
          operations.push({ file, method, template, regex, paramNames: names, op });
        }
      }
    }
  }
  const unknownFormats = [...formatsUsed].filter((f) => ajv.formats[f] === undefined);
  if (unknownFormats.length > 0) {
    throw new Error(`OpenAPI formats without a validator: ${unknownFormats.join(', ')}`);
  }
  // Compile every $defs resource up front: a broken schema fails loading, not a random test.
  for (const file of SPEC_FILES) {
    if (!ajv.getSchema(`${ID_BASE}${file}`)) throw new Error(`cannot compile ${file}`);
  }
  // Literal segments win over templates (`/people/me` before `/people/{hris_profile_id}`).
  operations.sort((a, b) => a.paramNames.length - b.paramNames.length);

  const compiled = new Map<unknown, ValidateFunction>();
  const validatorFor = (schema: unknown): ValidateFunction => {
    let v = compiled.get(schema);
    if (!v) {
      v = ajv.compile(schema as JsonObject);
      compiled.set(schema, v);
    }
    return v;
  };

  const find = (method: string, p: string): { op: Operation; params: string[] } | undefined => {
    const m = method.toLowerCase();
    for (const op of operations) {
      if (op.method !== m) continue;
      const hit = op.regex.exec(p);
      if (hit) return { op, params: hit.slice(1).map((s) => decodeURIComponent(s)) };
    }
    return undefined;
  };
  const label = (op: Operation): string => `${op.method.toUpperCase()} ${op.template} (${op.file})`;

  const validateResponse = (r: ResponseToCheck): ValidationResult => {
    const { path: p } = splitPath(r.path);
    const found = find(r.method, p);
    if (!found) {
      return { ok: false, errors: [`no operation ${r.method.toUpperCase()} ${p} in the specs`] };
    }
    const operation = label(found.op);
    const responses = isObject(found.op.op['responses']) ? found.op.op['responses'] : {};
    const documented = responses[String(r.status)] ?? responses['default'];
    const errors: string[] = [];
    if (documented === undefined) {
      const elsewhere = DOCUMENTED_ELSEWHERE[r.status];
      if (!elsewhere) {
        return {
          ok: false,
          operation,
          errors: [`status ${r.status} is not documented for ${operation}`],
        };
      }
      const v = validatorFor(elsewhere);
      if (!v(r.body)) errors.push(...formatErrors(v.errors, `${r.status} body`));
      return { ok: errors.length === 0, operation, errors };
    }
    if (r.status === 204) {
      // The spec attaches an empty-object schema to 204; HTTP 204 has no body at all.
      if (r.body !== undefined) errors.push('204 must not have a body');
      return { ok: errors.length === 0, operation, errors };
    }
    const content =
      isObject(documented) && isObject(documented['content']) ? documented['content'] : undefined;
    const json =
      content && isObject(content['application/json']) ? content['application/json'] : undefined;
    if (!json || !('schema' in json)) {
      if (r.body !== undefined) errors.push(`status ${r.status} documents no body`);
      return { ok: errors.length === 0, operation, errors };
    }
    if (r.contentType !== undefined && !/^application\/json\b/i.test(r.contentType ?? '')) {
      errors.push(`content-type ${String(r.contentType)} is not application/json`);
    }
    if (r.body === undefined) {
      errors.push(`status ${r.status} needs a JSON body`);
    } else {
      const v = validatorFor(json['schema']);
      if (!v(r.body)) errors.push(...formatErrors(v.errors, `${r.status} body`));
    }
    return { ok: errors.length === 0, operation, errors };
  };

  const validateRequest = (r: RequestToCheck): ValidationResult => {
    const split = splitPath(r.path);
    const found = find(r.method, split.path);
    if (!found) {
      return {
        ok: false,
        errors: [`no operation ${r.method.toUpperCase()} ${split.path} in the specs`],
      };
    }
    const operation = label(found.op);
    const errors: string[] = [];
    const query = new URLSearchParams(split.query);
    if (r.query instanceof URLSearchParams) {
      for (const [k, v] of r.query) query.append(k, v);
    } else if (r.query) {
      for (const [k, v] of Object.entries(r.query)) {
        for (const one of typeof v === 'string' ? [v] : v) query.append(k, one);
      }
    }
    const params = Array.isArray(found.op.op['parameters']) ? found.op.op['parameters'] : [];
    const seen = new Set<string>();
    for (const raw of params) {
      if (!isObject(raw) || typeof raw['name'] !== 'string' || !isObject(raw['schema'])) continue;
      const name = raw['name'];
      const schema = raw['schema'];
      const v = validatorFor(schema);
      if (raw['in'] === 'path') {
        const value = found.params[found.op.paramNames.indexOf(name)] ?? '';
        if (!v(coerce(value, schema))) errors.push(...formatErrors(v.errors, `path ${name}`));
      } else if (raw['in'] === 'query') {
        seen.add(name);
        const values = [...query.getAll(name), ...query.getAll(`${name}[]`)];
        if (values.length === 0) {
          if (raw['required'] === true) errors.push(`query ${name} is required`);
          continue;
        }
        const isArray = schema['type'] === 'array';
        const items = isArray && isObject(schema['items']) ? schema['items'] : schema;
        const value = isArray
          ? values.map((x) => coerce(x, items))
          : coerce(values[0] ?? '', schema);
        if (!isArray && values.length > 1)
          errors.push(`query ${name} given ${values.length} times`);
        if (!v(value)) errors.push(...formatErrors(v.errors, `query ${name}`));
      }
    }
    for (const key of new Set(query.keys())) {
      const base = key.endsWith('[]') ? key.slice(0, -2) : key;
      if (!seen.has(base)) errors.push(`query ${key} is not a documented parameter`);
    }
    const requestBody = isObject(found.op.op['requestBody'])
      ? found.op.op['requestBody']
      : undefined;
    const content =
      requestBody && isObject(requestBody['content']) ? requestBody['content'] : undefined;
    const json =
      content && isObject(content['application/json']) ? content['application/json'] : undefined;
    if (json && 'schema' in json) {
      if (r.body === undefined) {
        errors.push('request body is required');
      } else {
        const v = validatorFor(json['schema']);
        if (!v(r.body)) errors.push(...formatErrors(v.errors, 'body'));
      }
    } else if (r.body !== undefined) {
      errors.push(`${operation} takes no request body`);
    }
    return { ok: errors.length === 0, operation, errors };
  };

  const assertOk = (kind: string, target: string, res: ValidationResult): void => {
    if (!res.ok) {
      throw new Error(
        `${kind} ${target} does not conform to ${res.operation ?? 'the Deel OpenAPI specs'}:\n  - ${res.errors.join('\n  - ')}`,
      );
    }
  };

  return {
    validateResponse,
    validateRequest,
    assertResponse: (r) =>
      assertOk('response', `${r.method} ${r.path} ${r.status}`, validateResponse(r)),
    assertRequest: (r) => assertOk('request', `${r.method} ${r.path}`, validateRequest(r)),
    operationFor: (method, p) => {
      const found = find(method, splitPath(p).path);
      return found ? `${found.op.method.toUpperCase()} ${found.op.template}` : undefined;
    },
    formatsUsed,
  };
}
