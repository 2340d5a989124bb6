import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store';
import { createPostgresEventStore, migrateEventStore } from '../postgres';
import { postgresCheckpointStore } from './checkpoints';
import type { CheckpointStore } from './checkpoints';
import { LogDivergedError, ORIGINAL_RECORDED_AT, copyLog, verifyCopy } from './copy-log';
import { parseCopyArgs, runCopyLog } from './copy-log-cli';
import { logDigest } from './log-digest';
import { sourceKeyOf } from './open-store';

// PostgreSQL to PostgreSQL: a source database and a fresh target database per scenario, all real.
const TOTAL = 300;
const databases: TestDatabase[] = [];
let source: EventStore;
let sourceDb: TestDatabase;

const openPostgres = async (): Promise<{ db: TestDatabase; store: EventStore }> => {
  const db = await createTestDatabase({ maxConnections: 4 });
  databases.push(db);
  await migrateEventStore(db.sql);
  return { db, store: createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups }) };
};

const anEvent = (stream: number, n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: n % 3 === 0 ? 'IncidentNotified' : 'NotificationAmended',
  // Keys deliberately not in jsonb's order, text beyond ASCII, nesting, numbers that are not integers.
  data: { zeta: n, alpha: { list: [n, 'två', null, { b: 1.5, a: true }] }, note: `ŵ ✓ "${stream}"` },
  metadata: {
    actor: { userId: `user:${stream}`, role: 'partnership' },
    partnershipId: `p-${stream % 4}`,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
  },
});

const readAllOf = async (store: EventStore): Promise<RecordedEvent[]> => store.readAll();

const eventually = async (check: () => Promise<void>, ms = 20_000): Promise<void> => {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

const checkpointIn = (db: TestDatabase): Promise<CheckpointStore> => postgresCheckpointStore(db.sql, 'test-source');

beforeAll(async () => {
  ({ db: sourceDb, store: source } = await openPostgres());
  // 30 streams written interleaved, in appends of 1 to 3 events, like many incidents progressing at once.
  const streams = Array.from({ length: 30 }, () => `incident-${randomUUID()}`);
  const revisions = new Map<string, bigint>();
  let written = 0;
  for (let i = 0; written < TOTAL; i += 1) {
    const streamId = streams[(i * 7) % streams.length]!;
    const size = Math.min(1 + (i % 3), TOTAL - written);
    const batch = Array.from({ length: size }, (_, k) => anEvent(i % 30, written + k));
    const current = revisions.get(streamId);
    const result = await source.appendToStream(streamId, batch, { expectedRevision: current ?? 'no_stream' });
    revisions.set(streamId, result.nextExpectedRevision);
    written += size;
  }
  await eventually(async () => expect(await readAllOf(source)).toHaveLength(TOTAL));
}, 120_000);

afterAll(async () => {
  await source?.close();
  for (const db of databases) await db.drop();
});

describe('copying the log PostgreSQL to PostgreSQL', () => {
  it('copies every event: same ids, streams, revisions, order, data and metadata, plus the original time', async () => {
    const { db, store: target } = await openPostgres();
    const result = await copyLog({ source, target, checkpoint: await checkpointIn(db), pageSize: 64 });
    expect(result).toMatchObject({ complete: true, copied: TOTAL, appended: TOTAL, alreadyThere: 0 });
    await eventually(async () => expect(await readAllOf(target)).toHaveLength(TOTAL));
    const [from, to] = [await readAllOf(source), await readAllOf(target)];
    expect(to.map((e) => [e.eventId, e.streamId, e.streamRevision, e.type])).toEqual(
      from.map((e) => [e.eventId, e.streamId, e.streamRevision, e.type]),
    );
    from.forEach((event, i) => {
      const copy = to[i]!;
      expect(copy.data).toEqual(event.data);
      const { [ORIGINAL_RECORDED_AT]: original, ...metadata } = copy.metadata;
      expect(metadata).toEqual(event.metadata);
      expect(original).toBe(event.recordedAt.toISOString());
    });
    const verification = await verifyCopy(source, target);
    expect(verification.equal).toBe(true);
    expect(verification.target).toMatchObject({ count: TOTAL, sha256: verification.source.sha256 });
    expect(verification.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    await target.close();
  });

  it('an interrupted copy resumes from the checkpoint kept in the target, and a re-run is a no-op', async () => {
    const { db, store: target } = await openPostgres();
    const checkpoint = await checkpointIn(db);
    const first = await copyLog({ source, target, checkpoint, pageSize: 50, maxEvents: 100 });
    expect(first).toMatchObject({ complete: false, copied: 100, appended: 100 });
    expect(await checkpoint.load()).toEqual({ position: first.position, copied: 100 });
    // The log shows the newest events once older transactions anywhere on the server end: wait for them.
    await eventually(async () => expect((await logDigest(target)).count).toBe(100));

    const second = await copyLog({ source, target, checkpoint, pageSize: 50 });
    expect(second).toMatchObject({
      complete: true,
      copied: TOTAL,
      appended: TOTAL - 100,
      alreadyThere: 0,
      resumedFrom: first.position,
    });
    expect((await verifyCopy(source, target)).equal).toBe(true);

    const before = await logDigest(target);
    const third = await copyLog({ source, target, checkpoint, pageSize: 50 });
    expect(third).toMatchObject({ complete: true, copied: TOTAL, appended: 0, alreadyThere: 0 });
    expect(await logDigest(target)).toEqual(before);
    await target.close();
  });

  it('a crash after appending but before saving the checkpoint: the re-run finds those events and writes nothing twice', async () => {
    const { db, store: target } = await openPostgres();
    const real = await checkpointIn(db);
    let saves = 0;
    // As if the process died right after the second page was appended, before its checkpoint was saved.
    const dying: CheckpointStore = {
      ...real,
      save: async (checkpoint) => {
        saves += 1;
        if (saves === 2) throw new Error('killed');
        await real.save(checkpoint);
      },
    };
    await expect(copyLog({ source, target, checkpoint: dying, pageSize: 40 })).rejects.toThrow('killed');
    expect((await real.load())?.copied).toBe(40);
    await eventually(async () => expect((await logDigest(target)).count).toBe(80));

    const resumed = await copyLog({ source, target, checkpoint: real, pageSize: 40 });
    expect(resumed).toMatchObject({ complete: true, copied: TOTAL, alreadyThere: 40, appended: TOTAL - 80 });
    const verification = await verifyCopy(source, target);
    expect(verification.equal).toBe(true);
    expect(verification.target.count).toBe(TOTAL);
    await target.close();
  });

  it('stops rather than write around a target that holds other events at the same revisions', async () => {
    const { db, store: target } = await openPostgres();
    const [firstEvent] = await source.readAll({ maxCount: 1 });
    await target.appendToStream(firstEvent!.streamId, [anEvent(0, 0)]);
    const error = await copyLog({ source, target, checkpoint: await checkpointIn(db) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LogDivergedError);
    expect(error).toMatchObject({ streamId: firstEvent!.streamId, revision: 0n });
    await target.close();
  });

  it('the command copies by address, verifies, and a second run appends nothing', async () => {
    const { db } = await openPostgres();
    const lines: string[] = [];
    const args = parseCopyArgs(['--from', sourceDb.url, '--to', db.url, '--page-size', '100'], {});
    expect(await runCopyLog(args, (line) => lines.push(line))).toBe(0);
    expect(lines).toContain('verified: same count and checksum');
    expect(
      lines.some((line) => line.startsWith(`copy complete: ${TOTAL} events in all; this run appended ${TOTAL}`)),
    ).toBe(true);
    expect(
      lines.some((line) =>
        line.includes(`cspr_migration.log_copy in the target (source ${sourceKeyOf(sourceDb.url)})`),
      ),
    ).toBe(true);

    lines.length = 0;
    expect(await runCopyLog(args, (line) => lines.push(line))).toBe(0);
    expect(
      lines.some((line) =>
        line.startsWith(`copy complete: ${TOTAL} events in all; this run appended 0, found 0 already there`),
      ),
    ).toBe(true);
    expect(lines).toContain('verified: same count and checksum');
  });
});
