/** The checkpoint row as a fencing token: only the current lease holder moves it. Real PostgreSQL, no Kafka. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { LOG_START } from '@cspr/event-store';
import { createCheckpointStore, LeaseLostError, migrateRelay } from './relay-checkpoint';
import { createRelayGuard } from './relay-guard';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateRelay(db.sql);
});
afterAll(async () => {
  await db?.drop();
});

describe('relay checkpoint and lease', () => {
  it('starts at the beginning of the log and lets only the lease holder move it', async () => {
    const checkpoints = createCheckpointStore(db.sql, 'fencing', 60_000);
    expect(await checkpoints.read()).toEqual(LOG_START);
    const a = await checkpoints.tryAcquire('a');
    expect(a).toBeDefined();
    expect(await checkpoints.tryAcquire('b')).toBeUndefined();
    await checkpoints.advance(a!, { commit: 7n, prepare: 3n });
    expect(await checkpoints.read()).toEqual({ commit: 7n, prepare: 3n });
  });

  it('a forced takeover bumps the epoch: the old holder can neither renew nor move the checkpoint', async () => {
    const checkpoints = createCheckpointStore(db.sql, 'takeover', 60_000);
    const old = (await checkpoints.tryAcquire('old'))!;
    const next = (await checkpoints.tryAcquire('next', true))!;
    expect(next.epoch).toBe(old.epoch + 1n);
    await expect(checkpoints.renew(old)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(checkpoints.advance(old, { commit: 1n, prepare: 1n })).rejects.toBeInstanceOf(LeaseLostError);
    await checkpoints.advance(next, { commit: 2n, prepare: 1n });
    expect(await checkpoints.read()).toEqual({ commit: 2n, prepare: 1n });
  });

  it('an expired lease is taken by a standby; a released one at once', async () => {
    const checkpoints = createCheckpointStore(db.sql, 'expiry', 200);
    const first = (await checkpoints.tryAcquire('first'))!;
    expect(await checkpoints.tryAcquire('second')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = (await checkpoints.tryAcquire('second'))!;
    expect(second).toBeDefined();
    await expect(checkpoints.advance(first, { commit: 1n, prepare: 1n })).rejects.toBeInstanceOf(LeaseLostError);
    await checkpoints.release(second);
    expect(await checkpoints.tryAcquire('third')).toBeDefined();
  });

  it('positions beyond the signed 64-bit range survive (xid8 and EventStoreDB positions are unsigned)', async () => {
    const checkpoints = createCheckpointStore(db.sql, 'wide', 60_000);
    const lease = (await checkpoints.tryAcquire('a'))!;
    const far = { commit: 18_446_744_073_709_551_000n, prepare: 9_223_372_036_854_775_900n };
    await checkpoints.advance(lease, far);
    expect(await checkpoints.read()).toEqual(far);
  });

  it('a checkpoint write relaxes synchronous_commit for its own transaction only, not for the pooled connection', async () => {
    // One connection, so the statements below run on the one the checkpoint was written on.
    const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    const setting = async () => (await sql<{ s: string }[]>`select current_setting('synchronous_commit') as s`)[0]!.s;
    try {
      const checkpoints = createCheckpointStore(sql, 'relaxed', 60_000);
      const lease = (await checkpoints.tryAcquire('a'))!;
      const before = await setting();
      expect(before).not.toBe('off');
      await checkpoints.advance(lease, { commit: 5n, prepare: 2n });
      expect(await checkpoints.read()).toEqual({ commit: 5n, prepare: 2n });
      expect(await setting()).toBe(before);
    } finally {
      await sql.end();
    }
  });

  it('on a server, the advisory lock lets exactly one guard in until it releases', async () => {
    const checkpoints = createCheckpointStore(db.sql, 'advisory', 60_000);
    const one = createRelayGuard({ sql: db.sql, checkpoints, relayName: 'advisory', owner: 'one', embedded: false });
    const two = createRelayGuard({ sql: db.sql, checkpoints, relayName: 'advisory', owner: 'two', embedded: false });
    const lease = await one.tryAcquire();
    expect(lease).toBeDefined();
    expect(await two.tryAcquire()).toBeUndefined();
    await one.release(lease);
    expect(await two.tryAcquire()).toMatchObject({ owner: 'two' });
    await two.release(undefined);
  });
});
