/**
 * What the relay reports: its state, and its lag in events and seconds (readiness and metrics).
 *
 * Lag in events is counted by reading the unpublished events, up to LAG_SCAN_LIMIT of them (log positions are
 * transaction ids, so head minus checkpoint is not a count); beyond that the answer says "at least".
 * Lag in seconds is the age of the oldest unpublished event: 0 when caught up.
 */
import { metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR, continueTraces, METER_NAME, METRIC, SPAN, TRACER_NAME } from '@cspr/telemetry';
import { formatPosition } from '@cspr/event-store';
import type { EventStore, LogPosition } from '@cspr/event-store';

export type RelayState = 'starting' | 'standby' | 'active' | 'retrying' | 'failed' | 'stopped';

export type RelayLag = {
  checkpoint: string;
  head: string;
  lagEvents: number;
  /** True when there are more unpublished events than were counted. */
  lagEventsAtLeast: boolean;
  lagSeconds: number;
};

export type RelayStatus = RelayLag & {
  state: RelayState;
  owner: string;
  /** The instance holding the lease, maybe another one. */
  leaseHolder: string | null;
  topic: string;
  /** Messages this instance published since it started. */
  published: number;
  lastPublishedAt?: string;
  lastError?: string;
  /** Active or a healthy standby. Not ready while failing to reach the broker, failed or stopped. */
  ready: boolean;
};

export const LAG_SCAN_LIMIT = 1_000;

export const measureLag = async (
  store: EventStore,
  checkpointOf: () => LogPosition | Promise<LogPosition>,
): Promise<RelayLag> => {
  const checkpoint = await checkpointOf();
  const [head, pending] = await Promise.all([
    store.headPosition(),
    store.readAll({ after: checkpoint, maxCount: LAG_SCAN_LIMIT }),
  ]);
  const oldest = pending[0];
  return {
    checkpoint: formatPosition(checkpoint),
    head: formatPosition(head),
    lagEvents: pending.length,
    lagEventsAtLeast: pending.length === LAG_SCAN_LIMIT,
    lagSeconds: oldest ? Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000) : 0,
  };
};

/** Spans and metrics through @opentelemetry/api only: no-ops unless the service started the SDK. */
export const createRelayTelemetry = (topic: string) => {
  const tracer = trace.getTracer(TRACER_NAME);
  const meter = metrics.getMeter(METER_NAME);
  const failures = meter.createCounter(METRIC.relayPublishFailures, {
    description: 'Failed attempts to publish a batch to Kafka',
  });
  const lagEvents = meter.createObservableGauge(METRIC.relayLagEvents, {
    description: 'Events in the log not yet published (counted up to 1000)',
  });
  const lagSeconds = meter.createObservableGauge(METRIC.relayLagSeconds, {
    description: 'Age of the oldest unpublished event',
    unit: 's',
  });
  const attributes = { [ATTR.messagingSystem]: 'kafka', [ATTR.messagingDestination]: topic };
  let measure: (() => Promise<RelayLag>) | undefined;
  const callback = async (
    result: { observe: (value: number, attrs?: Record<string, string>) => void },
    pick: (lag: RelayLag) => number,
  ) => {
    if (!measure) return;
    const lag = await measure().catch(() => undefined);
    if (lag) result.observe(pick(lag), attributes);
  };
  const observeEvents = (result: Parameters<typeof callback>[0]) => callback(result, (lag) => lag.lagEvents);
  const observeSeconds = (result: Parameters<typeof callback>[0]) => callback(result, (lag) => lag.lagSeconds);
  lagEvents.addCallback(observeEvents);
  lagSeconds.addCallback(observeSeconds);

  return {
    observeLag: (fn: () => Promise<RelayLag>) => {
      measure = fn;
    },
    publishFailed: () => failures.add(1, attributes),
    /**
     * A PRODUCER span per send, continuing the traces of the commands that wrote the events (parent for one trace,
     * links for several). The messages keep the event's `traceparent` header, so a consumer continues that trace.
     */
    publishSpan: <T>(traceparents: readonly unknown[], send: () => Promise<T>): Promise<T> => {
      const { parent, links } = continueTraces(traceparents);
      const spanAttributes = {
        ...attributes,
        [ATTR.messagingOperation]: 'send',
        [ATTR.messagingBatchCount]: traceparents.length,
      };
      return tracer.startActiveSpan(
        SPAN.relayPublish,
        { kind: SpanKind.PRODUCER, links, attributes: spanAttributes },
        parent,
        async (span) => {
          try {
            return await send();
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    },
    close: () => {
      lagEvents.removeCallback(observeEvents);
      lagSeconds.removeCallback(observeSeconds);
    },
  };
};
