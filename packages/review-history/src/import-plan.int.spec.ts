import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandler, registerDefaultPartnerships, type CommandHandler } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { createInProcessWakeups } from '@cspr/database';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  migratePersonalData,
  type PersonalDataVault,
} from '@cspr/personal-data';
import { createProjector } from '@cspr/projector';
import { getPartnershipReviewsPage, migrateReadModels, waitForPosition } from '@cspr/read-models';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { applyImport, planImport, readListingFile } from './import-plan';

const SEED = new URL('./seed-pages/', import.meta.url);
const seed = async (name: string) =>
  readListingFile(`${name}.txt`, await readFile(new URL(`${name}.txt`, SEED), 'utf8'));

let db: TestDatabase;
let store: EventStore;
let handler: CommandHandler;
let vault: PersonalDataVault;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  await migrateReadModels(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: createInProcessWakeups() });
  vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(new Uint8Array(32).fill(3)) });
  handler = createCommandHandler({ store, vault, clock: () => new Date('2026-12-01T10:00:00Z'), newId: randomUUID });
  await registerDefaultPartnerships(handler);
});
afterAll(() => db?.drop());

/** Runs the real projector until it has read everything written so far. */
const project = async () => {
  const projector = createProjector({
    sql: db.sql,
    store,
    calendar: createEnglandAndWalesCalendar(),
    openPseudonyms: vault.open,
    pollIntervalMs: 50,
  });
  await projector.start();
  try {
    expect(await waitForPosition(db.sql, await store.headPosition(), 20_000)).toBe(true);
  } finally {
    await projector.stop();
  }
};

describe('importing published history', () => {
  it('the Oxfordshire page imported renders the same cases and documents in the same order', async () => {
    const plan = planImport('oxfordshire', await seed('oxfordshire-serious-case-reviews'), 'web-page-text');
    expect(await applyImport(handler, plan)).toEqual({ recorded: 6, unchanged: 0, refused: [] });
    await project();
    const page = await getPartnershipReviewsPage(db.sql, 'oxfordshire');
    const listed = page.own.flatMap((r) => r.documents.map((d) => `${r.caseName} – ${d.title}`));
    const onThePage = plan.reviews.flatMap((r) => r.command.documents.map((d) => `${r.command.caseName} – ${d.title}`));
    expect(listed).toEqual(onThePage);
    expect(page.own.map((r) => r.caseName)).toEqual([
      'Child M',
      'Child A and Child B',
      'Child Q',
      'Baby L',
      'Child J',
      'Children A-F',
    ]);
  });

  it('running it twice writes nothing new; the other pages import without a refusal', async () => {
    const before = (await store.readAll({ maxCount: 100_000 })).length;
    const again = await applyImport(
      handler,
      planImport('oxfordshire', await seed('oxfordshire-serious-case-reviews'), 'web-page-text'),
    );
    expect(again).toEqual({ recorded: 0, unchanged: 6, refused: [] });
    expect((await store.readAll({ maxCount: 100_000 })).length).toBe(before);

    expect(
      await applyImport(
        handler,
        planImport('oxfordshire', await seed('oxfordshire-practice-reviews'), 'web-page-text'),
      ),
    ).toEqual({ recorded: 3, unchanged: 1, refused: [] }); // Child M is on both pages
    const bucks = await applyImport(
      handler,
      planImport('buckinghamshire', await seed('buckinghamshire-serious-case-reviews'), 'web-page-text'),
    );
    expect(bucks).toEqual({ recorded: 15, unchanged: 0, refused: [] });
    await project();
    const page = await getPartnershipReviewsPage(db.sql, 'buckinghamshire');
    expect(page.mentioning.map((r) => [r.caseName, r.otherArea])).toEqual([
      ['Baby F', 'Harrow Safeguarding Children Board'],
    ]);
  });
});
