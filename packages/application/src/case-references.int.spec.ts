import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseReferenceStreamId, decodeEvent, incidentStreamId, reviewStreamId } from '@cspr/domain';
import type { Actor, NotifyIncident } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { backfillCaseReferences } from './backfill-case-references';
import { createCommandHandler } from './command-handler';
import type { CommandHandler } from './command-handler';

const leeds: Actor = { userId: 'alice', role: 'partnership', partnershipId: 'leeds' };

const notify = (
  incidentId: string,
  becameAwareOn = '2026-03-05',
): { type: 'NotifyIncident'; data: NotifyIncident['data'] } => ({
  type: 'NotifyIncident',
  data: {
    incidentId,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    nature: 'serious-harm',
    becameAwareOn,
    incidentOn: '2026-03-04',
    guidanceEdition: 'panel-guidance-2025',
    children: [
      {
        childRef: 'child-1',
        name: 'Test Child',
        dateOfBirth: '2019-06-15',
        sex: 'female',
        ethnicity: 'white',
        disability: 'no',
        placement: 'at-home',
        lookedAfter: false,
        childInNeedPlan: true,
        childProtectionPlan: false,
        knownToAgencies: 'yes',
      },
    ],
    notifier: { name: 'Notifier', role: 'Head of service', email: 'notifier@leeds.gov.uk' },
    location: 'Home',
    caseOutline: 'Outline.',
  },
});

const rapidReview = (incidentId: string) => ({
  type: 'SubmitRapidReview' as const,
  data: {
    incidentId,
    parallelProcesses: [],
    agenciesInvolved: ['police' as const],
    localReviewDecision: 'local-review' as const,
    localCriteria: {
      improvementsNeeded: true,
      recurrentThemes: false,
      multiAgencyConcerns: true,
      panelSuggested: false,
    },
    nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: false },
    signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
    facts: 'Facts.',
    agencySummaries: [{ agency: 'police' as const, summary: 'Summary.' }],
    keyPracticeEpisodes: 'Episodes.',
    livedExperience: 'Lived.',
    immediateActions: 'Actions.',
    learningIdentified: 'Learning.',
    decisionReasons: 'Reasons.',
    signatories: { localAuthority: 'LA', integratedCareBoard: 'ICB', police: 'Police' },
  },
});

let db: TestDatabase;
let stores: EventStore[];
let vaultOf: () => ReturnType<typeof createPersonalDataVault>;
let writers: CommandHandler[];

const referenceOf = async (streamId: string): Promise<unknown> =>
  decodeEvent((await stores[0]!.readStream(streamId))[0]!).data.reference;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  vaultOf = () => vault;
  // Two writers, each with its own store, as two gateway instances would have.
  stores = [
    createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups }),
    createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups }),
  ];
  writers = stores.map((store) =>
    createCommandHandler({
      store,
      vault,
      audit: createReadAudit(db.sql),
      clock: () => new Date('2026-03-10T09:30:00Z'),
      newId: randomUUID,
      partnerships: [{ partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] }],
    }),
  );
});
afterAll(async () => {
  for (const store of stores ?? []) await store.close();
  await db?.drop();
});

describe('case references', () => {
  it('two writers notifying at once get INC-2026-00001 to -00024: no gap, no repeat; a refused notification takes no number', async () => {
    const ids = Array.from({ length: 24 }, () => randomUUID());
    const refused = randomUUID();
    await Promise.all([
      ...ids.map((id, index) => writers[index % 2]!.execute(notify(id), { actor: leeds })),
      // Became aware after the notification day: the decider refuses it before any number is taken.
      writers[0]!.execute(notify(refused, '2026-03-20'), { actor: leeds }).catch((error: unknown) => error),
    ]);
    const references = await Promise.all(ids.map((id) => referenceOf(incidentStreamId(id))));
    const expected = Array.from({ length: 24 }, (_, i) => `INC-2026-${String(i + 1).padStart(5, '0')}`);
    expect([...references].sort()).toEqual(expected);
    const counter = await stores[0]!.readStream(caseReferenceStreamId('INC', 2026));
    expect(counter.map((e) => decodeEvent(e).data.number)).toEqual(expected.map((_, i) => i + 1));
    expect(counter.map((e) => decodeEvent(e).data.subjectId)).not.toContain(refused);
  });

  it('a retried command keeps its first reference and takes no new number', async () => {
    const id = randomUUID();
    const first = await writers[0]!.execute(notify(id), { actor: leeds, commandId: `notify-${id}` });
    const again = await writers[1]!.execute(notify(id), { actor: leeds, commandId: `notify-${id}` });
    expect(again.alreadyApplied).toBe(true);
    expect(again.events[0]!.eventId).toBe(first.events[0]!.eventId);
    const counter = await stores[0]!.readStream(caseReferenceStreamId('INC', 2026));
    expect(counter.filter((e) => decodeEvent(e).data.subjectId === id)).toHaveLength(1);
    expect(await referenceOf(incidentStreamId(id))).toBe('INC-2026-00025');
  });

  it('a commissioned review gets its own REV series', async () => {
    const incidentId = randomUUID();
    await writers[0]!.execute(notify(incidentId), { actor: leeds });
    await writers[0]!.execute(rapidReview(incidentId), { actor: leeds });
    const reviewId = randomUUID();
    await writers[1]!.execute(
      {
        type: 'CommissionLocalReview',
        data: { reviewId, partnershipId: 'leeds', incidentIds: [incidentId], caseName: 'Child M' },
      },
      { actor: leeds },
    );
    expect(await referenceOf(reviewStreamId(reviewId))).toBe('REV-2026-00001');
  });

  it('the start-up backfill numbers records made before references in log order, in their own year, once', async () => {
    const legacy = [randomUUID(), randomUUID()];
    for (const [index, incidentId] of legacy.entries()) {
      await stores[0]!.appendToStream(
        incidentStreamId(incidentId),
        [
          {
            eventId: randomUUID(),
            type: 'IncidentNotified',
            data: {
              schemaVersion: 1,
              incidentId,
              partnershipId: 'leeds',
              notifiedOn: `2024-0${index + 1}-10`,
              notifiedAt: `2024-0${index + 1}-10T10:00:00.000Z`,
            },
            metadata: {
              actor: { userId: 'legacy', role: 'partnership' },
              partnershipId: 'leeds',
              correlationId: 'c',
              causationId: 'c',
              occurredAt: '2024-01-10T10:00:00.000Z',
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    }
    const options = {
      store: stores[0]!,
      vault: vaultOf(),
      newId: randomUUID,
      clock: () => new Date('2026-03-11T08:00:00Z'),
    };
    expect(await backfillCaseReferences(options)).toEqual({ allocated: 2, alreadyHeld: 0 });
    expect(await backfillCaseReferences(options)).toEqual({ allocated: 0, alreadyHeld: 2 });
    const counter = await stores[0]!.readStream(caseReferenceStreamId('INC', 2024));
    expect(counter.map((e) => [decodeEvent(e).data.subjectId, decodeEvent(e).data.reference])).toEqual([
      [legacy[0], 'INC-2024-00001'],
      [legacy[1], 'INC-2024-00002'],
    ]);
  });
});
