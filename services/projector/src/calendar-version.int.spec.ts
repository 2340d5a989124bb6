import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import type { EventStore } from '@cspr/event-store';
import { getProjectorStatus, readCheckpoint, waitForPosition } from '@cspr/read-models';
import { createProjector, type ProjectorLogger } from './projector';
import { appendSampleLog, createTestVault } from './projector.fixture';
import type { PersonalDataVault } from '@cspr/personal-data';

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
const original = createEnglandAndWalesCalendar();
const corrected = createEnglandAndWalesCalendar({
  extraHolidays: [{ date: '2025-06-06', name: 'Extra bank holiday' }],
});

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  vault = await createTestVault(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const recordingLogger = () => {
  const warnings: { details: object; message: string }[] = [];
  const logger: ProjectorLogger = {
    info: () => undefined,
    error: () => undefined,
    warn: (details, message) => void warnings.push({ details, message }),
  };
  return { logger, warnings };
};

describe('calendar version of the read models', () => {
  it('given read models built with one calendar, a projector running another reports the mismatch and never relabels them', async () => {
    expect(original.version).not.toBe(corrected.version);
    const first = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar: original,
      pollIntervalMs: 100,
    });
    await first.start();
    const built = await appendSampleLog(store, vault, 5);
    expect(await waitForPosition(db.sql, built.last, 10_000)).toBe(true);
    await first.stop();
    // Empty read models are labelled with the calendar that builds them.
    expect((await readCheckpoint(db.sql)).calendarVersion).toBe(original.version);
    expect(first.status().calendarMismatch).toBeNull();

    const { logger, warnings } = recordingLogger();
    const second = createProjector({
      openPseudonyms: vault.open,
      sql: db.sql,
      store,
      calendar: corrected,
      pollIntervalMs: 100,
      logger,
    });
    await second.start();
    try {
      const more = await appendSampleLog(store, vault, 3, 11);
      expect(await waitForPosition(db.sql, more.last, 10_000)).toBe(true);
      // Batches under the new calendar do not overwrite the label: the read models still mix in the original one.
      expect((await readCheckpoint(db.sql)).calendarVersion).toBe(original.version);
      const mismatch = { stored: original.version, running: corrected.version };
      expect(second.status().calendarMismatch).toEqual(mismatch);
      expect(warnings).toContainEqual({ details: mismatch, message: expect.stringContaining('run npm run rebuild') });
      expect(
        (await getProjectorStatus(db.sql, store, { runningCalendarVersion: corrected.version })).calendarMismatch,
      ).toEqual(mismatch);
      expect(
        (await getProjectorStatus(db.sql, store, { runningCalendarVersion: original.version })).calendarMismatch,
      ).toBeNull();

      // A rebuild recomputes every due date with the running calendar and labels the read models with it.
      await second.rebuild();
      expect((await readCheckpoint(db.sql)).calendarVersion).toBe(corrected.version);
      expect(second.status().calendarMismatch).toBeNull();
    } finally {
      await second.stop();
    }
  });
});
