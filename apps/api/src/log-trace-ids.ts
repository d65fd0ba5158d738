import { trace } from '@opentelemetry/api';

/**
 * The active span's ids, for every log line written inside it (a pino mixin): the line leads to
 * its trace, and a trace to its lines. Nothing when no span is active, as always when tracing
 * is off. `trace_flags` says whether the trace was sampled, that is, whether it was kept.
 * Always a new object: pino writes the line's own fields into it.
 */
export function traceIdsOfActiveSpan(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}` };
}
