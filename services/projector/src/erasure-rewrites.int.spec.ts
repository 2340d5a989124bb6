import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, relationFilesHolding, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { LOG_START, type EventStore, type EventToAppend, type LogPosition } from '@cspr/event-store';
import type { PersonalDataVault } from '@cspr/personal-data';
import { migrateReadModels, waitForPosition } from '@cspr/read-models';
import { createProjector } from './projector';
import { createTestVault } from './projector.fixture';
import type { ProjectorLogger } from './projector-logger';

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
const calendar = createEnglandAndWalesCalendar();
const PSEUDONYM_TABLES = ['read_models.reviews', 'read_models.published_reports', 'read_models.review_learning'];

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migrateReadModels(db.sql);
  vault = await createTestVault(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const lines: { level: string; message: string; details: object }[] = [];
const logger: ProjectorLogger = {
  info: (details, message) => lines.push({ level: 'info', message, details }),
  warn: (details, message) => lines.push({ level: 'warn', message, details }),
  error: (details, message) => lines.push({ level: 'error', message, details }),
};
const rewritesLogged = () => lines.filter((l) => l.message.startsWith('read models rewritten'));

const meta = { actor: { userId: 'u', role: 'partnership' }, correlationId: 'c', causationId: 'c' };
const at = '2026-01-05T10:00:00.000Z';
/** The position of the last append: what a reader waits for (the store's head lags while other transactions run). */
let last: LogPosition = LOG_START;
const event = (type: string, data: Record<string, unknown>): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data: { schemaVersion: 1, ...data },
  metadata: { ...meta, occurredAt: at },
});

/** A local review whose case name (sealed under its key, opened into the read models) is a unique marker. */
const commissionReview = async () => {
  const reviewId = randomUUID();
  const caseName = `Zq${randomUUID().replace(/-/g, '')}`;
  ({ position: last } = await store.appendToStream(
    `review-${reviewId}`,
    [
      event('LocalReviewCommissioned', {
        reviewId,
        partnershipId: 'leeds',
        incidentIds: [randomUUID()],
        commissionedAt: at,
        commissionedOn: '2026-01-05',
        guidanceEdition: 'working-together-2023',
        personal: await vault.seal(reviewId, { caseName }),
      }),
    ],
    { expectedRevision: 'any' },
  ));
  return { reviewId, caseName };
};

/** The approval as the write path makes it: the key destroyed, then `PersonalDataErased` naming the review. */
const erase = async (reviewId: string) => {
  const erasure = { reason: 'court-order', requestedBy: 'admin-1', approvedBy: 'admin-2' };
  await vault.destroyKey(reviewId, erasure);
  const data = { reviewId, erasedAt: at, legalBasis: 'court-order', ...erasure };
  ({ position: last } = await store.appendToStream(`review-${reviewId}`, [event('PersonalDataErased', data)]));
};

/** The signal the rewrite is done: the batch recorded the tables, the rewrite cleared them. */
const rewritesPending = async () =>
  (await db.sql<{ table_name: string }[]>`select table_name from read_models.pending_rewrites order by 1`).map(
    (r) => r.table_name,
  );
const untilNoRewritePending = async (timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while ((await rewritesPending()).length > 0) {
    if (Date.now() > deadline) throw new Error('the rewrite after the erasure did not finish');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('rewrites after an erasure', () => {
  it('removes the blanked case names from the files, one rewrite for the erasures of a batch', async () => {
    const reviews = [await commissionReview(), await commissionReview()];
    const projector = createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar, logger });
    await projector.start();
    try {
      expect(await waitForPosition(db.sql, last, 10_000)).toBe(true);
      const names = reviews.map((r) => r.caseName);
      // The search sees what it looks for: the opened case names are in the live rows' files.
      expect(await relationFilesHolding(db.sql, PSEUDONYM_TABLES, names)).not.toEqual([]);
      await projector.stop();
      lines.length = 0;
      // Both erasures land in one batch of the restarted projector.
      for (const { reviewId } of reviews) await erase(reviewId);
      await projector.start();
      expect(await waitForPosition(db.sql, last, 10_000)).toBe(true);
      await untilNoRewritePending();
      expect(await relationFilesHolding(db.sql, PSEUDONYM_TABLES, names)).toEqual([]);
      expect(rewritesLogged()).toHaveLength(1);
      expect(rewritesLogged()[0]!.details).toMatchObject({ tables: [...PSEUDONYM_TABLES].sort() });
      const [row] = await db.sql`select case_name from read_models.reviews where review_id = ${reviews[0]!.reviewId}`;
      expect(row?.case_name).toBe('Details removed');
    } finally {
      await projector.stop();
    }
  });

  it('a rewrite that cannot get its lock is logged and retried, and never holds up projecting', async () => {
    const first = await commissionReview();
    const projector = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar,
      logger,
      pollIntervalMs: 50,
      retryDelayMs: 100,
      maxRetryDelayMs: 200,
      erasureRewriteWaits: { lockTimeoutMs: 100 },
    });
    await projector.start();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // A reader holding a table lock for long: the projector's writes go on, a rewrite's exclusive lock cannot.
    const reader = db.sql.begin(async (tx) => {
      await tx`lock table read_models.review_learning in access share mode`;
      locked();
      await released;
    });
    try {
      await lockTaken;
      lines.length = 0;
      expect(await waitForPosition(db.sql, last, 10_000)).toBe(true);
      await erase(first.reviewId);
      const second = await commissionReview();
      expect(await waitForPosition(db.sql, last, 10_000)).toBe(true);
      const [row] = await db.sql`select case_name from read_models.reviews where review_id = ${second.reviewId}`;
      expect(row?.case_name).toBe(second.caseName);
      const deadline = Date.now() + 10_000;
      while (lines.filter((l) => l.level === 'warn').length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const warnings = lines.filter((l) => l.level === 'warn');
      expect(warnings.length).toBeGreaterThanOrEqual(2); // failed, then failed again on the retry
      expect(warnings[0]).toMatchObject({ details: { code: '55P03' } });
      expect(await rewritesPending()).toEqual([...PSEUDONYM_TABLES].sort());
      expect(projector.status()).toMatchObject({ lastError: null, erasureRewritesPending: 3 });
      release();
      await reader;
      await untilNoRewritePending();
      expect(await relationFilesHolding(db.sql, PSEUDONYM_TABLES, [first.caseName])).toEqual([]);
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      release();
      await reader;
      await projector.stop();
    }
  });

  it('a rebuild into new tables records no rewrite: its tables replace the served ones, files and all', async () => {
    const { reviewId } = await commissionReview();
    await erase(reviewId);
    await createProjector({ openPseudonyms: vault.open, sql: db.sql, store, calendar, logger }).rebuild();
    expect(await rewritesPending()).toEqual([]);
  });
});
