/**
 * The relay against a real PostgreSQL and a real Kafka broker of this file's own (infra/kafka/kafka.sh).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedValidator } from '@cspr/feed';
import { incidentStory, reviewStory, withdrawal } from '@cspr/feed/fixtures';
import { createRelay } from './relay';
import { startTestBroker } from './test-broker.fixture';
import type { TestBroker } from './test-broker.fixture';
import { consumeAll, createTestLog, waitFor } from './relay.fixture';
import type { TestLog } from './relay.fixture';

const MARKER = `ZZPERSONAL${randomUUID().slice(0, 8)}`;
let broker: TestBroker;
// A fresh log per test: a relay with a new checkpoint publishes the whole log, other tests' events included.
let log: TestLog;

beforeAll(async () => {
  broker = await startTestBroker();
});
beforeEach(async () => {
  log = await createTestLog();
});
afterEach(async () => {
  await log?.drop();
});
afterAll(async () => {
  await broker?.destroy();
});

describe('relay', { timeout: 120_000 }, () => {
  it('publishes every feed event, valid against its schema, keyed and ordered per incident, with no personal data', async () => {
    const topic = `feed-${randomUUID()}`;
    const [a, b] = [randomUUID(), randomUUID()];
    const fixtures = [
      ...incidentStory({ incidentId: a, marker: MARKER }),
      ...incidentStory({ incidentId: b, marker: MARKER }),
      withdrawal(b, a, MARKER),
      ...reviewStory([a, b], { marker: MARKER }),
      ...reviewStory([b], { marker: MARKER, national: true }),
    ];
    await log.append(fixtures);
    const relay = createRelay({
      store: log.store,
      sql: log.db.sql,
      brokers: broker.brokers,
      topic,
      name: topic,
      batchSize: 7,
    });
    await relay.start();
    // ReviewerAppointed and ActionPlanProgressRecorded (one each per review) are not on the feed.
    const expected = fixtures.filter(
      ({ event }) => !['ReviewerAppointed', 'ActionPlanProgressRecorded'].includes(event.type),
    );
    const messages = await consumeAll(broker.brokers, topic, (m) => m.length >= expected.length);
    await waitFor(async () => (await relay.status()).lagEvents === 0, 10_000, 'relay caught up');
    const status = await relay.status();
    await relay.stop();

    expect(messages.map((m) => m.headers.ce_id).sort()).toEqual(expected.map(({ event }) => event.eventId).sort());
    const validator = createFeedValidator();
    for (const m of messages) expect(validator.validate(m), m.headers.ce_type).toEqual({ valid: true });
    // Per incident, in the order appended.
    for (const incident of [a, b]) {
      const sent = messages.filter((m) => m.key === incident).map((m) => m.headers.ce_id);
      const appended = expected.filter(({ event }) => sent.includes(event.eventId)).map(({ event }) => event.eventId);
      expect(sent).toEqual(appended);
      expect(new Set(messages.filter((m) => m.key === incident).map((m) => m.partition)).size).toBe(1);
    }
    const wire = JSON.stringify(messages);
    expect(wire).not.toContain(MARKER);
    expect(wire).not.toContain('"personal"');
    const notified = messages.find((m) => m.headers.ce_type === 'uk.gov.cspr.incident.notified.v1')!;
    const source = fixtures.find(({ event }) => event.eventId === notified.headers.ce_id)!;
    expect(notified.headers.traceparent).toBe(source.event.metadata.traceparent);
    expect(status).toMatchObject({
      state: 'active',
      ready: true,
      lagEvents: 0,
      lagSeconds: 0,
      published: expected.length,
    });
  });

  it('reports its lag while stopped, then resumes from its checkpoint without sending anything twice', async () => {
    const topic = `feed-${randomUUID()}`;
    const first = incidentStory();
    await log.append(first);
    const options = { store: log.store, sql: log.db.sql, brokers: broker.brokers, topic, name: topic };
    const relay = createRelay(options);
    await relay.start();
    await consumeAll(broker.brokers, topic, (m) => m.length >= first.length);
    await waitFor(async () => (await relay.status()).lagEvents === 0, 10_000, 'caught up');
    await relay.stop();

    const second = incidentStory();
    await log.append(second);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stopped = await createRelay(options).status();
    expect(stopped.lagEvents).toBe(second.length);
    expect(stopped.lagSeconds).toBeGreaterThanOrEqual(1);
    expect(stopped.ready).toBe(false);

    const again = createRelay(options);
    await again.start();
    const messages = await consumeAll(broker.brokers, topic, (m) => m.length >= first.length + second.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await again.stop();
    const ids = messages.map((m) => m.headers.ce_id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set([...first, ...second].map(({ event }) => event.eventId)));
  });

  // The lease-only guard is what embedded PGlite (one connection, no session lock) uses; PGlite itself takes ~20 s
  // to start on a small machine, so the guard runs here on the server database with `embedded: true`.
  it('with the lease-only guard of the embedded mode, a second relay waits as a standby and takes over when the first stops', async () => {
    const topic = `feed-${randomUUID()}`;
    const options = {
      store: log.store,
      sql: log.db.sql,
      brokers: broker.brokers,
      topic,
      name: topic,
      embedded: true,
      leaseTtlMs: 1_500,
    };
    const one = createRelay({ ...options, owner: 'one' });
    const two = createRelay({ ...options, owner: 'two' });
    await one.start();
    await waitFor(async () => (await one.status()).state === 'active', 10_000, 'one active');
    await two.start();
    await waitFor(async () => (await two.status()).state === 'standby', 10_000, 'two standby');
    const before = incidentStory();
    await log.append(before);
    await consumeAll(broker.brokers, topic, (m) => m.length >= before.length);
    expect((await two.status()).published).toBe(0);

    await one.stop();
    await waitFor(async () => (await two.status()).state === 'active', 10_000, 'two takes over');
    const after = incidentStory();
    await log.append(after);
    const messages = await consumeAll(broker.brokers, topic, (m) => m.length >= before.length + after.length);
    await two.stop();
    expect((await two.status()).published).toBe(after.length);
    for (const story of [before, after]) {
      const key = story[0]!.streamId.replace('incident-', '');
      expect(messages.filter((m) => m.key === key).map((m) => m.headers.ce_id)).toEqual(
        story.map(({ event }) => event.eventId),
      );
    }
  });

  it('the example consumer command writes each notification once, also when run again over the same topic', async () => {
    const topic = `feed-${randomUUID()}`;
    const events = incidentStory({ marker: MARKER });
    await log.append(events);
    const relay = createRelay({ store: log.store, sql: log.db.sql, brokers: broker.brokers, topic, name: topic });
    await relay.start();
    await consumeAll(broker.brokers, topic, (m) => m.length >= events.length);
    await relay.stop();

    const dir = await mkdtemp(join(tmpdir(), 'cspr-feed-'));
    const out = join(dir, 'notifications.jsonl');
    const command = fileURLToPath(new URL('./feed-consumer-command.ts', import.meta.url));
    const feed = (group: string) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          command,
          '--from-beginning',
          '--group',
          group,
          '--brokers',
          broker.brokers.join(','),
          '--topic',
          topic,
          '--out',
          out,
          '--exit-when-idle',
          '2000',
        ],
        { timeout: 60_000 },
      );
    try {
      const first = await feed(`ofsted-${randomUUID()}`);
      // A new group reads everything again: every message is a repeat of what the file already holds.
      const second = await feed(`ofsted-${randomUUID()}`);
      const lines = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; type: string; subject: string });
      expect(lines.map((l) => l.id)).toEqual(events.map(({ event }) => event.eventId));
      expect(lines[0]).toMatchObject({
        type: 'uk.gov.cspr.incident.notified.v1',
        subject: events[0]!.streamId.replace('incident-', ''),
      });
      expect(first.stderr).toContain(`${events.length} notifications, 0 repeats skipped`);
      expect(second.stderr).toContain(`0 notifications, ${events.length} repeats skipped`);
      expect(await readFile(out, 'utf8')).not.toContain(MARKER);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
