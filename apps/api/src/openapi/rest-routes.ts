import type { OpenAPIObject } from 'trpc-to-openapi';
import { typeOf } from '../procedures.js';

/** A JSON Schema type of a query or path parameter, which says how its text is read. */
type ParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'array';

interface Parameter {
  type: ParameterType;
  /** For an array: the type of each item. */
  items?: ParameterType;
}

/** One REST path of the description and the procedure that answers it. */
export interface RestOperation {
  method: 'GET' | 'POST';
  /** As the description writes it: `/v1/articles/{slug}`. */
  path: string;
  /** The procedure it calls: `article.bySlug`. */
  procedure: string;
  /** The path's segments: a literal, or `{ param }` for a parameter. */
  segments: (string | { param: string })[];
  /** The query string's parameters (reads only), by name. */
  query: ReadonlyMap<string, Parameter>;
}

/** What a request's method and path call: an operation and its path parameters, or why none. */
export type RestMatch =
  | { operation: RestOperation; params: Record<string, string> }
  | { operation: null; allowed: string[] };

/**
 * The operations of an OpenAPI description made by trpc-to-openapi from the router: each one's
 * operationId is its procedure's path with a dash for the dot (`article-list`). Reading them
 * back from the description (rather than from the router's internals) means that what is served
 * is exactly what is described. Fails at start-up on an operation that names no procedure.
 */
export function restOperationsOf(document: OpenAPIObject): RestOperation[] {
  const operations: RestOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const procedure = operation.operationId?.replace('-', '.') ?? '';
      if (typeOf(procedure) === undefined) {
        throw new Error(`The OpenAPI operation ${method.toUpperCase()} ${path} names no procedure`);
      }
      const query = new Map<string, Parameter>();
      for (const parameter of operation.parameters ?? []) {
        if (!('in' in parameter) || parameter.in !== 'query') continue;
        query.set(parameter.name, parameterOf(parameter.schema));
      }
      operations.push({
        method: method === 'get' ? 'GET' : 'POST',
        path,
        procedure,
        segments: path
          .split('/')
          .slice(1)
          .map((segment) => (/^\{.+\}$/.test(segment) ? { param: segment.slice(1, -1) } : segment)),
        query,
      });
    }
  }
  // A literal segment is a better match than a parameter in the same place.
  return operations.sort((a, b) => literalsOf(b) - literalsOf(a));
}

const literalsOf = (operation: RestOperation) =>
  operation.segments.filter((segment) => typeof segment === 'string').length;

function parameterOf(schema: unknown): Parameter {
  const typed = (schema ?? {}) as { type?: unknown; items?: { type?: unknown } };
  const type = isParameterType(typed.type) ? typed.type : 'string';
  if (type !== 'array') return { type };
  return { type, items: isParameterType(typed.items?.type) ? typed.items.type : 'string' };
}

function isParameterType(value: unknown): value is ParameterType {
  return (
    value === 'string' ||
    value === 'integer' ||
    value === 'number' ||
    value === 'boolean' ||
    value === 'array'
  );
}

/** The operation at a method and path (HEAD reads as GET), or the methods the path allows. */
export function matchRest(operations: readonly RestOperation[], method: string, pathname: string): RestMatch {
  const given = pathname.split('/').slice(1);
  const allowed: string[] = [];
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const operation of operations) {
    const params = paramsOf(operation, given);
    if (!params) continue;
    if (operation.method === wanted) return { operation, params };
    allowed.push(operation.method);
  }
  return { operation: null, allowed };
}

function paramsOf(operation: RestOperation, given: string[]): Record<string, string> | null {
  if (given.length !== operation.segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of operation.segments.entries()) {
    const text = given[index] ?? '';
    if (typeof segment === 'string') {
      if (text !== segment) return null;
      continue;
    }
    if (text === '') return null;
    try {
      params[segment.param] = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  return params;
}

/**
 * A read's input from its query string and path: each value read as the type the description
 * gives it (`limit=5` is the number 5, `mine=true` the boolean, a repeated name a list), and
 * anything else left as it came, so the procedure's own schema refuses it with the field's
 * name, as it would over tRPC. Names the description does not know pass through, and the
 * procedure's strict schema names them too.
 */
export function queryInputOf(
  operation: RestOperation,
  query: Record<string, string | string[] | undefined>,
  params: Record<string, string>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const parameter = operation.query.get(name);
    if (!parameter) {
      input[name] = value;
    } else if (parameter.type === 'array') {
      input[name] = (Array.isArray(value) ? value : [value]).map((item) => read(item, parameter.items));
    } else {
      input[name] = Array.isArray(value) ? value : read(value, parameter.type);
    }
  }
  return { ...input, ...params };
}

/** A change's input: the JSON body with the path's parameters, which win over the body's. */
export function bodyInputOf(body: unknown, params: Record<string, string>): unknown {
  if (Object.keys(params).length === 0) return body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body ?? params;
  return { ...body, ...params };
}

const numberText = /^-?(?:\d+|\d*\.\d+)(?:[eE][-+]?\d+)?$/;

function read(text: string, type: ParameterType | undefined): unknown {
  if ((type === 'integer' || type === 'number') && numberText.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
