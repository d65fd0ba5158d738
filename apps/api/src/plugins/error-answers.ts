/** Every failure answered in tRPC's error shape, so all clients read errors one way. */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { StoreUnavailableError } from '@newsroom/db';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiConfig } from '../config.js';
import { type Context, RequestInternalError } from '../context.js';
import { errorShapeOf } from '../error-shape.js';
import { SignInThrottledError } from '../people/sign-in-throttle.js';
import { helmetHeaders } from './security-headers.js';

/**
 * Fastify's error and not-found handlers, both answering in tRPC's error shape: an error thrown
 * by a hook (a limit, a refused request) keeps its code, Fastify's own 4xx keep their meaning,
 * anything else is an internal error whose message names only the request id.
 */
export const errorAnswers = fp<{ config: Pick<ApiConfig, 'API_MAX_BODY_BYTES'> }>(
  async (app, { config }) => {
    app.setErrorHandler((error, request, reply) => {
      const trpcError = trpcErrorOf(error, request, config);
      if (trpcError.code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: error }, 'Unexpected error');
      return sendTrpcError(request, reply, trpcError);
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const message = `Nothing at ${request.method} ${path.slice(0, 200)}: procedures are at /<router>.<procedure>`;
      return sendTrpcError(request, reply, new TRPCError({ code: 'NOT_FOUND', message }));
    });
  },
  { name: 'error-answers', fastify: '5.x', dependencies: ['trpc-calls'] },
);

const codesByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
};

/** Any failure as the TRPCError a client should see: Fastify's own 4xx keep their meaning, the rest are internal. */
export function trpcErrorOf(
  error: unknown,
  request: FastifyRequest,
  config: Pick<ApiConfig, 'API_MAX_BODY_BYTES'>,
): TRPCError {
  if (error instanceof TRPCError) return error;
  // The rate limits count in the database, so a locked or full one fails before any procedure.
  if (error instanceof StoreUnavailableError) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
  }
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) {
    return new TRPCError({
      code: 'PAYLOAD_TOO_LARGE',
      message: `Request body too large: it exceeds ${config.API_MAX_BODY_BYTES} bytes (API_MAX_BODY_BYTES)`,
    });
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const message = error instanceof Error ? error.message : (STATUS_CODES[statusCode] ?? 'Bad request');
    return new TRPCError({ code: codesByStatus[statusCode] ?? 'BAD_REQUEST', message, cause: error });
  }
  return new RequestInternalError(request.id, error);
}

/** Answers with tRPC's own error shape (one per call for a batch), so every client reads it the same way. */
export function sendTrpcError(request: FastifyRequest, reply: FastifyReply, error: TRPCError, ctx?: Context) {
  const call = request.trpcCall;
  const shapeFor = (path: string | undefined) => ({ error: errorShapeOf(error, path, ctx) });
  const body = call?.batch ? call.paths.map(shapeFor) : shapeFor(call?.paths[0]);
  const fault = storeFaultOf(error);
  if (fault) logStoreFault(request, fault, call?.paths.join(','));
  const retryAfter = retryAfterSecondsOf(error);
  if (retryAfter > 0) reply.header('retry-after', String(retryAfter));
  return reply
    .code(getHTTPStatusCodeFromError(error))
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

/** The database's passing refusal behind a failure (a lock, a full disk, a server down), if it is one. */
export function storeFaultOf(error: unknown): StoreUnavailableError | null {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof TRPCError && error.cause instanceof StoreUnavailableError) return error.cause;
  return null;
}

/** How long a caller should wait before trying again: a database fault's wait, or a throttled sign-in's; 0 otherwise. */
function retryAfterSecondsOf(error: unknown): number {
  const fault = storeFaultOf(error);
  if (fault) return fault.retryAfterSeconds;
  if (error instanceof TRPCError && error.cause instanceof SignInThrottledError)
    return error.cause.retryAfterSeconds;
  return 0;
}

/**
 * A Retry-After for an answer whose calls the database refused for a while (the longest wait
 * any of them asks for), so clients and proxies back off instead of hammering a locked or full
 * database; nothing otherwise.
 */
export function retryAfterHeaders(errors: readonly unknown[]): Record<string, string> {
  const seconds = Math.max(0, ...errors.map(retryAfterSecondsOf));
  return seconds > 0 ? { 'retry-after': String(seconds) } : {};
}

const loggedFaults = new WeakSet<FastifyRequest>();

/**
 * One log line per request the database refused, with the database's own error: a batch of
 * ten refused calls is one event for the operator, not ten. A full disk needs a person (error);
 * a lock or a server restarting passes by itself (warn). Returns whether `error` was such a fault.
 */
export function logStoreFault(request: FastifyRequest, error: unknown, path?: string): boolean {
  const fault = storeFaultOf(error);
  if (!fault) return false;
  if (loggedFaults.has(request)) return true;
  loggedFaults.add(request);
  const details = { err: fault.cause, reason: fault.reason, path };
  if (fault.reason === 'full')
    request.log.error(details, 'The database is out of disk space: writes are refused');
  else request.log.warn(details, `The database refused the request (${fault.reason}); answered 503`);
  return true;
}

/** The security headers every answer carries, as header lines for answers written to the socket. */
const securityHeaderLines = Object.entries(helmetHeaders())
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/**
 * Requests Node refuses before any handler runs (a URL or headers over 16 KB, a slow client)
 * still get a JSON answer that says what to do, not a bare status, with the usual security headers.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'PAYLOAD_TOO_LARGE',
          'The URL or headers are too large (16 KB at most); send large input as a POST body',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'TIMEOUT', 'The request took too long to arrive']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { message, data: { code, httpStatus: status } } });
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncache-control: no-store\r\n${securityHeaderLines}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  } else {
    socket.destroy();
  }
}
