import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar, DEFAULT_PANEL_RESPONSE_WORKING_DAYS } from '@cspr/domain';
import { applyBatch, ProjectionHaltedError } from './apply-batch';
import { readCheckpoint } from './checkpoint';
import { migrateReadModels } from './migrations';
import { ProjectionError, type Projection } from './projection';
import { recorded } from './projection-spec';
import { projections } from './read-models';
import { incidentNotified } from './test-events';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

const context = {
  calendar: createEnglandAndWalesCalendar(),
  panelResponseTargetWorkingDays: DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
};

/** A projection over the incidents table with a bug on one incident, or a known-bad-event rejection. */
const failingOn = (incidentId: string, failure: () => never): Projection => ({
  name: 'failing',
  table: 'read_models.partnerships',
  key: 'partnership_id',
  handles: new Set(['IncidentNotified']),
  keysOf: () => [],
  evolve: (_rows, event) => {
    if (event.data.incidentId === incidentId) failure();
  },
});

describe('a batch with an event a projection fails on', () => {
  it('given a bug (not a ProjectionError): the whole batch is rolled back, nothing dead-lettered, the checkpoint stays before it', async () => {
    const before = await readCheckpoint(db.sql);
    const bug = failingOn('i-bug', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'Jane Doe')");
    });
    const batch = recorded([incidentNotified('i-ok'), incidentNotified('i-bug')]);
    const attempt = applyBatch(db.sql, [...projections, bug], batch, before.position, context);
    await expect(attempt).rejects.toBeInstanceOf(ProjectionHaltedError);
    await expect(attempt).rejects.toThrow(/projection failing failed on IncidentNotified at \d+\.\d+ \(TypeError\)/);
    // The error's own message (which may quote data) is not carried.
    await expect(attempt).rejects.not.toThrow(/Jane Doe/);
    expect((await readCheckpoint(db.sql)).position).toEqual(before.position);
    expect(await db.sql`select 1 from read_models.dead_letters`).toHaveLength(0);
    // Not even the good event before it was applied: the batch is retried whole once the code is fixed.
    expect(await db.sql`select 1 from read_models.incidents where incident_id = 'i-ok'`).toHaveLength(0);

    // The fixed code applies the same batch from the same checkpoint: nothing was skipped.
    await applyBatch(db.sql, projections, batch, before.position, context);
    expect(await db.sql`select incident_id from read_models.incidents order by 1`).toEqual([
      { incident_id: 'i-bug' },
      { incident_id: 'i-ok' },
    ]);
  });

  it('given a ProjectionError (a known bad event): that event alone is dead-lettered and the batch applied', async () => {
    const before = await readCheckpoint(db.sql);
    const bad = failingOn('i-bad', () => {
      throw new ProjectionError('missing or invalid field children');
    });
    const outcome = await applyBatch(
      db.sql,
      [...projections, bad],
      recorded([incidentNotified('i-bad'), incidentNotified('i-good')]),
      before.position,
      context,
    );
    expect(outcome).toMatchObject({ applied: 1, deadLettered: 1 });
    expect(await db.sql`select event_type, projection, reason from read_models.dead_letters`).toEqual([
      { event_type: 'IncidentNotified', projection: 'failing', reason: 'missing or invalid field children' },
    ]);
    expect(await db.sql`select 1 from read_models.incidents where incident_id = 'i-good'`).toHaveLength(1);
  });
});
