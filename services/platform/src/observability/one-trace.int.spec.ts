/**
 * One trace from the GraphQL mutation to the Kafka message: gateway operation → command → append → projector batch
 * → relay publish, with the W3C trace context in the Kafka headers so Ofsted's consumer can continue it.
 * Real PostgreSQL (a fresh database) and the real test broker; spans captured by an in-memory exporter on the SDK
 * the services start (`startTelemetry`).
 */
import { Kafka, logLevel } from 'kafkajs';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAN } from '@cspr/telemetry';
import { startTelemetry, type TelemetryHandle } from '@cspr/telemetry/sdk';
import {
  NOTIFY,
  notifyInput,
  PERSONAL,
  startObservedPlatform,
  TEST_BROKERS,
  type ObservedPlatform,
} from './observed-platform.fixture';

const exporter = new InMemorySpanExporter();
let telemetry: TelemetryHandle;
let platform: ObservedPlatform;

const waitFor = async <T>(
  read: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const readHeadersOf = async (topic: string, subject: string): Promise<Record<string, string>> => {
  const kafka = new Kafka({ clientId: 'one-trace-test', brokers: TEST_BROKERS, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `one-trace-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let found: Record<string, string> | undefined;
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        if (headers.ce_subject === subject) found = headers;
      },
    });
    return await waitFor(() => found, 'the message on the topic');
  } finally {
    await consumer.disconnect();
  }
};

beforeAll(async () => {
  telemetry = startTelemetry({ serviceName: 'cspr-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  platform = await startObservedPlatform();
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await telemetry?.shutdown();
});

describe('tracing', () => {
  it('follows a notification from the gateway through the log to the Kafka headers in one trace', async () => {
    // The partnerships registered at start-up are handled first, so the notification's batch carries one trace.
    await platform.settled();
    const result = await platform.graphql(NOTIFY, { input: notifyInput() });
    const payload = result.data?.notifyIncident as { __typename: string; incidentId: string };
    expect(payload.__typename).toBe('IncidentPayload');

    const spans = () => exporter.getFinishedSpans();
    const operation = await waitFor(
      () =>
        spans().find((s) => s.name === SPAN.graphqlOperation && s.attributes['graphql.operation.type'] === 'mutation'),
      'the operation span',
    );
    const { traceId } = operation.spanContext();
    const inTrace = (name: string) => spans().filter((s) => s.name === name && s.spanContext().traceId === traceId);

    // The relay creates the topic on its first send: read it once everything is published.
    await platform.settled();
    const headers = await readHeadersOf(platform.topic, payload.incidentId);
    const projectorBatch = await waitFor(() => inTrace(SPAN.projectorBatch)[0], 'the projector span');
    const publish = await waitFor(() => inTrace(SPAN.relayPublish)[0], 'the relay span');
    const command = inTrace(SPAN.commandHandle)[0]!;
    const append = inTrace(SPAN.eventStoreAppend)[0]!;

    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    expect(operation.kind).toBe(SpanKind.SERVER);
    expect(operation.attributes['graphql.operation.name']).toBe('anonymous');
    expect(parentOf(command)).toBe(operation.spanContext().spanId);
    expect(parentOf(append)).toBe(command.spanContext().spanId);
    expect(append.kind).toBe(SpanKind.CLIENT);
    expect(append.attributes['db.system.name']).toBe('postgresql');
    // The projector and the relay continue from the command, through the event's metadata.traceparent.
    expect(parentOf(projectorBatch)).toBe(command.spanContext().spanId);
    expect(parentOf(publish)).toBe(command.spanContext().spanId);
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': platform.topic,
      'messaging.operation.type': 'send',
    });

    // A consumer continues the same trace from the Kafka headers.
    expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    expect(headers.ce_id).toBeTruthy();

    // No personal data in any span, attribute or event of any trace.
    const everything = JSON.stringify(
      spans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
    );
    for (const value of Object.values(PERSONAL)) expect(everything).not.toContain(value);
  }, 90_000);

  it('links a projector batch to every trace it carries when events of several commands arrive together', async () => {
    await platform.settled();
    exporter.reset();
    const results = await Promise.all([1, 2, 3].map(() => platform.graphql(NOTIFY, { input: notifyInput() })));
    for (const r of results)
      expect((r.data?.notifyIncident as { __typename: string }).__typename).toBe('IncidentPayload');
    const commandTraces = new Set(
      exporter
        .getFinishedSpans()
        .filter((s) => s.name === SPAN.commandHandle)
        .map((s) => s.spanContext().traceId),
    );
    expect(commandTraces.size).toBe(3);
    // Every command's trace is reached by a projector batch: as its parent, or through a link.
    await waitFor(() => {
      const reached = new Set<string>();
      for (const span of exporter.getFinishedSpans().filter((s) => s.name === SPAN.projectorBatch)) {
        if (span.links.length === 0) reached.add(span.spanContext().traceId);
        for (const link of span.links) reached.add(link.context.traceId);
      }
      return [...commandTraces].every((t) => reached.has(t)) ? true : undefined;
    }, 'projector spans for every trace');
  }, 60_000);
});
