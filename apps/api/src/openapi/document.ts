import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { appRouter } from '../root.js';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

/**
 * Failures, as every path of the API answers them (tRPC's error shape, made by the router's
 * error formatter in trpc.ts): one readable `message`, which for bad input names each field,
 * and in `data` the code, the HTTP status and, for bad input, the fields one by one.
 */
const errorSchema: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'data'],
      properties: {
        message: {
          type: 'string',
          description: 'What went wrong, in words; for bad input, each field and why',
          examples: ['Invalid input: limit: limit must be at most 100'],
        },
        code: { type: 'integer', description: "tRPC's JSON-RPC error number" },
        data: {
          type: 'object',
          required: ['code', 'httpStatus'],
          properties: {
            code: { type: 'string', description: 'The error code', examples: ['BAD_REQUEST'] },
            httpStatus: { type: 'integer', examples: [400] },
            path: { type: 'string', description: 'The procedure that failed', examples: ['article.list'] },
            zodError: {
              description: 'For bad input: the problems with the input as a whole and field by field',
              oneOf: [
                {
                  type: 'object',
                  properties: {
                    formErrors: { type: 'array', items: { type: 'string' } },
                    fieldErrors: {
                      type: 'object',
                      additionalProperties: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
                { type: 'null' },
              ],
            },
            retryAfterSeconds: { type: 'integer', description: 'For a throttled sign-in: how long to wait' },
          },
        },
      },
    },
  },
};

const errorResponses = {
  BadRequest: 'The input is not valid: the message names each field and why',
  Unauthorized: 'The token is missing, malformed, revoked or expired',
  Forbidden: "The token's role may not do this (or not to this story)",
  NotFound: 'Nothing has that slug or id',
  Conflict: 'The story changed since the version named, or the slug is taken',
  PayloadTooLarge: 'The body is over API_MAX_BODY_BYTES',
  UnsupportedMediaType: 'The body is not sent as application/json',
  TooManyRequests: 'Past a rate limit; Retry-After says when to try again',
  InternalServerError: 'Something unexpected: the message gives a request id to quote',
  ServiceUnavailable: 'The database is busy or full for a while; Retry-After says when to try again',
} as const;

type ErrorName = keyof typeof errorResponses;

/** The groups of paths, in the reference's order. */
const tagDescriptions = {
  articles: 'Stories: published ones for everyone, and the editorial work on them with a token',
  comments: "Readers' comments on published stories",
  sections: 'The sections stories are filed in',
  tags: 'Topics, people, organizations and places stories are tagged with',
  authors: 'The people and desks stories are written by',
  desk: 'Stories in every status, for the people who write and edit them',
};

const statusOf: Record<ErrorName, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
};

const ref = (name: ErrorName) => ({ $ref: `#/components/responses/${name}` });

/** The failures an operation can answer with, from its method, path and whether it needs a token. */
function failuresOf(method: string, path: string, needsToken: boolean): ErrorName[] {
  // Every path refuses bad input, and a bad token even where none is needed.
  const names: ErrorName[] = ['BadRequest', 'Unauthorized'];
  if (needsToken || method === 'post') names.push('Forbidden');
  if (path.includes('{') || method === 'post') names.push('NotFound');
  if (method === 'post') names.push('Conflict', 'PayloadTooLarge', 'UnsupportedMediaType', 'TooManyRequests');
  names.push('InternalServerError', 'ServiceUnavailable');
  return names;
}

/**
 * The OpenAPI 3.1 description of every procedure with a REST path (`meta.openapi` in
 * src/router/), made by trpc-to-openapi from the procedures' own zod schemas. Its failures are
 * replaced by the ones the API really sends (tRPC's error shape, see errorSchema), since the
 * library describes a shape of its own that this API does not use.
 */
export function createOpenApiDocument(): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Newsroom API',
    version: '1',
    description: [
      "Newsroom's stories, sections, tags, authors and comments, and the editorial work on stories, as REST paths under /v1.",
      'They are served by the same procedures as the tRPC paths (`/article.list?input=…`), with the same validation, errors, roles, rate limits and HTTP caching.',
      'Reads are GET with their input in the query string; every change is a POST with a JSON body.',
      'Editorial paths need `Authorization: Bearer <token>` (`npm run cli -- token create --role editor --name "Desk"`).',
    ].join(' '),
    // Relative: the paths are under the address this description was fetched from.
    baseUrl: '/',
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API token (`npm run cli -- token create`) or a desk session',
      },
    },
  });
  document.tags = Object.entries(tagDescriptions).map(([name, description]) => ({ name, description }));

  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as Operation;
      const needsToken = operation.security !== undefined;
      // A public path takes a token too (a writer's token lists their drafts): anyone, or a bearer.
      operation.security ??= [{}, { bearer: [] }];
      const success = operation.responses['200'];
      operation.responses = { '200': success };
      for (const name of failuresOf(method, path, needsToken))
        operation.responses[statusOf[name]] = ref(name);
    }
  }
  const components = document.components ?? {};
  const schemas = Object.fromEntries(
    Object.entries(components.schemas ?? {}).filter(([name]) => !name.startsWith('error.')),
  );
  document.components = {
    ...components,
    schemas: { ...schemas, Error: errorSchema },
    responses: Object.fromEntries(
      Object.entries(errorResponses).map(([name, description]) => [
        name,
        { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ]),
    ),
  };
  return document;
}

let made: OpenAPIObject | undefined;

/** The description, made once per process: the router it is made from never changes while it runs. */
export function openApiDocument(): OpenAPIObject {
  made ??= createOpenApiDocument();
  return made;
}
