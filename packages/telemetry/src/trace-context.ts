/**
 * Continuing a trace across the log: an event carries the `traceparent` of the command that wrote it (W3C trace
 * context), and whoever handles the event later (projector, relay) continues that trace from it.
 *
 * One trace in a batch: the batch's span is a child of it (the trace reads as one story). Several traces in a
 * batch: a span has only one parent, so it starts a trace of its own and links to each of them (OTel's advice for
 * batch processing). Uses the global propagator (W3C tracecontext once a service started the SDK).
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Link,
  type SpanContext,
} from '@opentelemetry/api';

/** The span context a `traceparent` header names, or undefined when absent or malformed. */
export const spanContextOf = (traceparent: unknown): SpanContext | undefined => {
  if (typeof traceparent !== 'string' || traceparent.length === 0) return undefined;
  const extracted = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
  return extracted && trace.isSpanContextValid(extracted) ? extracted : undefined;
};

export type ContinuedTrace = { parent: Context; links: Link[] };

/** Parent context and links for a span handling items that each may carry a `traceparent` (at most `maxLinks` links, default 128). */
export const continueTraces = (traceparents: readonly unknown[], maxLinks = 128): ContinuedTrace => {
  const byTrace = new Map<string, SpanContext>();
  for (const traceparent of traceparents) {
    const spanContext = spanContextOf(traceparent);
    if (spanContext && !byTrace.has(spanContext.traceId)) byTrace.set(spanContext.traceId, spanContext);
  }
  const contexts = [...byTrace.values()];
  if (contexts.length === 1) return { parent: trace.setSpanContext(context.active(), contexts[0]!), links: [] };
  return {
    parent: trace.deleteSpan(context.active()),
    links: contexts.slice(0, maxLinks).map((spanContext) => ({ context: spanContext })),
  };
};

/** The W3C `traceparent` of the active span, or undefined when there is none (SDK not started). */
export const activeTraceparent = (): string | undefined => {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent) return carrier.traceparent;
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags.toString(16)}`;
};
