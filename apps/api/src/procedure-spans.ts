import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

// The API's no-op tracer unless tracing.ts has started the SDK: then one span per procedure.
const tracer = trace.getTracer('@newsroom/api');

/** What a tRPC middleware's `next()` resolves to, as far as a span needs it. */
type ProcedureResult = { ok: true } | { ok: false; error: TRPCError };

/**
 * Runs a procedure inside a span named after it (`trpc article.bySlug`), so a trace shows each
 * call of a batch on its own, with the Store's spans beneath it. A failure the caller caused
 * (NOT_FOUND, BAD_REQUEST) is an answer, named in `trpc.error_code`; only the API's own (5xx)
 * mark the span as failed.
 */
export function inProcedureSpan<Result extends ProcedureResult>(
  path: string,
  type: string,
  run: () => Promise<Result>,
): Promise<Result> {
  return tracer.startActiveSpan(
    `trpc ${path}`,
    { attributes: { 'rpc.system': 'trpc', 'rpc.method': path, 'trpc.type': type } },
    async (span) => {
      try {
        const result = await run();
        if (!result.ok) {
          span.setAttribute('trpc.error_code', result.error.code);
          if (getHTTPStatusCodeFromError(result.error) >= 500) {
            span.recordException(result.error.cause ?? result.error);
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.code });
          }
        }
        return result;
      } finally {
        span.end();
      }
    },
  );
}
