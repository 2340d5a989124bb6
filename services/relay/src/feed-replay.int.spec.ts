/**
 * feed:replay against a real broker: the events after the given position (up to `to`) are published again, mapped
 * as the relay maps them; nothing before it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentStory } from '@cspr/feed/fixtures';
import { replayFeed } from './feed-replay';
import { consumeAll, createTestLog, type TestLog } from './relay.fixture';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
let log: TestLog;

beforeAll(async () => {
  log = await createTestLog();
});
afterAll(async () => {
  await log?.drop();
});

describe('replayFeed', () => {
  it('republishes exactly the events after --from up to --to', async () => {
    const events = [...incidentStory(), ...incidentStory(), ...incidentStory()];
    await log.append(events);
    // The log holds events back while an older transaction anywhere on the (shared) server is open: wait for all.
    const ids = new Set(events.map(({ event }) => event.eventId));
    const readMine = async () => (await log.store.readAll({ maxCount: 100_000 })).filter((e) => ids.has(e.eventId));
    let mine = await readMine();
    for (let i = 0; i < 300 && mine.length < events.length; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      mine = await readMine();
    }
    expect(mine).toHaveLength(events.length);
    const from = mine[2]!.position;
    const to = mine.at(-2)!.position;
    const topic = `cspr.replay.${randomUUID().slice(0, 8)}`;

    const result = await replayFeed({ store: log.store, brokers, from, to, topic, batchSize: 3 });

    const expected = mine.slice(3, -1).map((e) => e.eventId);
    expect(result.published).toBe(expected.length);
    const messages = await consumeAll(brokers, topic, (m) => m.length >= expected.length, 30_000);
    // Partitions are read in any order: compare the set (each incident's own order is the relay's concern).
    expect(messages.map((m) => m.headers.ce_id).sort()).toEqual([...expected].sort());
  }, 60_000);
});
