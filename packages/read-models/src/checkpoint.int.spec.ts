import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { LOG_START } from '@cspr/event-store';
import { applyBatch } from './apply-batch';
import { readCheckpoint, StaleCheckpointError } from './checkpoint';
import { migrateReadModels } from './migrations';
import { recorded } from './projection-spec';
import { projections } from './read-models';
import { incidentNotified, rapidReviewCompleted } from './test-events';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

const context = { calendar: createEnglandAndWalesCalendar(), panelResponseTargetWorkingDays: 10 };

describe('checkpoint compare-and-set', () => {
  it('two projectors applying the same batch from the same checkpoint at once: exactly one succeeds', async () => {
    const batch = recorded([incidentNotified('c-1'), rapidReviewCompleted('c-1', '2025-06-20')]);
    const results = await Promise.allSettled([
      applyBatch(db.sql, projections, batch, LOG_START, context),
      applyBatch(db.sql, projections, batch, LOG_START, context),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(StaleCheckpointError);
    expect(await readCheckpoint(db.sql)).toMatchObject({ position: batch[1]!.position, eventsProcessed: 2 });
    const [row] =
      await db.sql`select version, jsonb_array_length(history) as entries from read_models.incidents where incident_id = 'c-1'`;
    expect(row).toEqual({ version: 2, entries: 2 });
    expect(await db.sql`select count(*)::int as n from read_models.dead_letters`).toEqual([{ n: 0 }]);
  });

  it('a stale projector cannot move the checkpoint back or write its batch', async () => {
    const before = await readCheckpoint(db.sql);
    const stale = recorded([incidentNotified('c-2')]);
    await expect(applyBatch(db.sql, projections, stale, LOG_START, context)).rejects.toBeInstanceOf(
      StaleCheckpointError,
    );
    expect(await readCheckpoint(db.sql)).toMatchObject({
      position: before.position,
      eventsProcessed: before.eventsProcessed,
    });
    expect(await db.sql`select 1 from read_models.incidents where incident_id = 'c-2'`).toHaveLength(0);
  });
});
