import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, incidentStreamId } from '@cspr/domain';
import type { Actor, NotifyIncident } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  createReadAudit,
  migratePersonalData,
} from '@cspr/personal-data';
import type { PersonalDataVault, ReadAudit } from '@cspr/personal-data';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { uuidV7, uuidV7Time } from '@cspr/database';
import { createCommandHandler } from './command-handler';
import type { CommandHandler } from './command-handler';
import { uuidV5 } from './uuid-v5';

const CHILD_NAME = 'Quillon Testchild';
const CASE_OUTLINE = 'A case outline that must never appear in plaintext in the log.';
const leeds: Actor = { userId: 'alice', role: 'partnership', partnershipId: 'leeds' };
const panel: Actor = { userId: 'paula', role: 'panel' };

const notify = (incidentId: string): { type: 'NotifyIncident'; data: NotifyIncident['data'] } => ({
  type: 'NotifyIncident',
  data: {
    incidentId,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    nature: 'serious-harm',
    becameAwareOn: '2026-03-05',
    incidentOn: '2026-03-04',
    guidanceEdition: 'panel-guidance-2025',
    children: [
      {
        childRef: 'child-1',
        name: CHILD_NAME,
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
    notifier: { name: 'Notifier Person', role: 'Head of service', email: 'notifier@leeds.gov.uk' },
    location: 'Home address',
    caseOutline: CASE_OUTLINE,
  },
});

const rapidReview = (incidentId: string) => ({
  type: 'SubmitRapidReview' as const,
  data: {
    incidentId,
    parallelProcesses: ['police-investigation' as const],
    agenciesInvolved: ['police' as const, 'health' as const],
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
    agencySummaries: [{ agency: 'police' as const, summary: 'Police summary.' }],
    keyPracticeEpisodes: 'Episodes.',
    livedExperience: 'Lived experience.',
    immediateActions: 'Actions.',
    learningIdentified: 'Learning.',
    decisionReasons: 'Reasons.',
    signatories: { localAuthority: 'LA Officer', integratedCareBoard: 'ICB Officer', police: 'Police Officer' },
  },
});

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
let handler: CommandHandler;
let audit: ReadAudit;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  audit = createReadAudit(db.sql);
  handler = createCommandHandler({
    store,
    vault,
    audit,
    clock: () => new Date('2026-03-10T09:30:00Z'),
    newId: randomUUID,
    partnerships: [{ partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] }],
    adminUserIds: () => ['admin-1', 'admin-2'],
  });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('command handler', () => {
  it('appends the decided events with metadata and seals the personal part', async () => {
    const incidentId = randomUUID();
    const result = await handler.execute(notify(incidentId), { actor: leeds, correlationId: 'corr-1' });
    expect(result.events.map((e) => e.type)).toEqual(['IncidentNotified']);
    expect(result.position).not.toBeNull();
    const [stored] = await store.readStream(incidentStreamId(incidentId));
    expect(stored!.metadata).toMatchObject({
      actor: { userId: 'alice', role: 'partnership' },
      partnershipId: 'leeds',
      correlationId: 'corr-1',
      causationId: 'corr-1',
      occurredAt: '2026-03-10T09:30:00.000Z',
    });
    expect(stored!.data).toMatchObject({ schemaVersion: 1, incidentId, notifiedOn: '2026-03-10' });
    const raw = JSON.stringify(stored, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(raw).not.toContain(CHILD_NAME);
    expect(raw).not.toContain(CASE_OUTLINE);
    expect(raw).not.toContain('notifier@leeds.gov.uk');
    const opened = await vault.open<{ children: { name: string }[]; caseOutline: string }>(
      incidentId,
      stored!.data.personal,
    );
    expect(opened.status === 'available' && opened.value.children[0]!.name).toBe(CHILD_NAME);
    const [row] = await db.sql<
      { text: string }[]
    >`select string_agg(data::text || metadata::text, ' ') as text from event_store.events`;
    expect(row!.text).not.toContain(CHILD_NAME);
  });

  it('answers a retried command id with the first result and appends nothing twice', async () => {
    const incidentId = randomUUID();
    const first = await handler.execute(notify(incidentId), { actor: leeds, commandId: 'notify-42' });
    const again = await handler.execute(notify(incidentId), { actor: leeds, commandId: 'notify-42' });
    expect(again.alreadyApplied).toBe(true);
    expect(again.position).toEqual(first.position);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await store.readStream(incidentStreamId(incidentId))).toHaveLength(1);
    // Without the command id the same request is a new decision, which the decider refuses.
    await expect(handler.execute(notify(incidentId), { actor: leeds })).rejects.toMatchObject({
      code: 'illegal_state',
    });
  });

  it('gives a UUIDv7 command id time-ordered event ids and answers its retry, also one across the change', async () => {
    const commandId = uuidV7();
    const incidentId = randomUUID();
    const streamId = incidentStreamId(incidentId);
    const first = await handler.execute(notify(incidentId), { actor: leeds, commandId });
    const eventId = first.events[0]!.eventId;
    expect(eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV7Time(eventId)).toBe(uuidV7Time(commandId));
    const again = await handler.execute(notify(incidentId), { actor: leeds, commandId });
    expect(again).toMatchObject({ alreadyApplied: true, position: first.position, events: first.events });

    // The log as an earlier release wrote it: the v5 id of the same name. Its retry still finds that event.
    const earlierId = uuidV5(`alice/${commandId}/${streamId}/0`);
    await db.sql`update event_store.events set event_id = ${earlierId} where event_id = ${eventId}`;
    const acrossTheChange = await handler.execute(notify(incidentId), { actor: leeds, commandId });
    expect(acrossTheChange).toMatchObject({ alreadyApplied: true, position: first.position });
    expect(acrossTheChange.events.map((e) => e.eventId)).toEqual([earlierId]);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('re-decides on a concurrent write: both succeed where both decisions still hold', async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    await handler.execute(rapidReview(incidentId), { actor: leeds });
    // Amendment and Panel response race on the same stream: each is still valid after the other.
    const amend = handler.execute(
      {
        type: 'AmendNotification',
        data: { incidentId, reason: 'correcting-a-mistake', changes: { caseOutline: 'Corrected outline.' } },
      },
      { actor: leeds },
    );
    const respond = handler.execute(
      { type: 'RespondToRapidReview', data: { incidentId, outcome: 'agreed', comments: '' } },
      { actor: panel },
    );
    await Promise.all([amend, respond]);
    const types = (await store.readStream(incidentStreamId(incidentId))).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['IncidentNotified', 'RapidReviewCompleted']);
    expect(types.slice(2).sort()).toEqual(['NotificationAmended', 'PanelResponded']);
  });

  it('re-checks the rules on retry: of two racing Panel responses only one is recorded', async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    await handler.execute(rapidReview(incidentId), { actor: leeds });
    const responses = await Promise.allSettled([
      handler.execute(
        { type: 'RespondToRapidReview', data: { incidentId, outcome: 'agreed', comments: '' } },
        { actor: panel },
      ),
      handler.execute(
        { type: 'RespondToRapidReview', data: { incidentId, outcome: 'reconsider', comments: '' } },
        { actor: panel },
      ),
    ]);
    const fulfilled = responses.filter((r) => r.status === 'fulfilled');
    const rejected = responses.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(DomainError);
    expect((rejected[0]!.reason as DomainError).code).toBe('illegal_state');
    const types = (await store.readStream(incidentStreamId(incidentId))).map((e) => e.type);
    expect(types.filter((t) => t === 'PanelResponded')).toHaveLength(1);
  });

  it("writes an amendment's whole personal part: the changed fields merged into the current ones", async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    await handler.execute(
      {
        type: 'AmendNotification',
        data: { incidentId, reason: 'correcting-a-mistake', changes: { caseOutline: 'First correction.' } },
      },
      { actor: leeds },
    );
    await handler.execute(
      {
        type: 'AmendNotification',
        data: { incidentId, reason: 'correcting-a-mistake', changes: { location: "Grandparents' home" } },
      },
      { actor: leeds },
    );
    const last = (await store.readStream(incidentStreamId(incidentId))).at(-1)!;
    const opened = await vault.open<{
      children: { name: string }[];
      caseOutline: string;
      location: string;
      notifier: { email: string };
    }>(incidentId, last.data.personal);
    expect(opened.status).toBe('available');
    if (opened.status !== 'available') return;
    expect(opened.value).toMatchObject({
      caseOutline: 'First correction.',
      location: "Grandparents' home",
      children: [{ name: CHILD_NAME }],
      notifier: { email: 'notifier@leeds.gov.uk' },
    });
  });

  it('audits the personal data an amendment opens: one entry, as the system actor, with the purpose and the request', async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    await handler.execute(
      {
        type: 'AmendNotification',
        data: { incidentId, reason: 'correcting-a-mistake', changes: { nature: 'child-death' } },
      },
      { actor: leeds },
    );
    expect((await audit.query({ subjectId: incidentId, first: 10 })).entries).toEqual([]); // minimised only: nothing opened
    await handler.execute(
      {
        type: 'AmendNotification',
        data: { incidentId, reason: 'correcting-a-mistake', changes: { caseOutline: 'Audited correction.' } },
      },
      { actor: leeds, correlationId: 'req-amend-1' },
    );
    const { entries } = await audit.query({ subjectId: incidentId, first: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: 'system:command-handler',
      role: 'system',
      purpose: 'merge-amendment',
      requestId: 'req-amend-1',
      partnershipId: 'leeds',
    });
    expect(entries[0]!.fields).toContain('children');
  });

  it('refuses to open personal data for an amendment when it cannot be audited (no audit, no plaintext)', async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    const unaudited = createCommandHandler({
      store,
      vault,
      clock: () => new Date('2026-03-10T09:30:00Z'),
      newId: randomUUID,
      partnerships: [{ partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] }],
    });
    await expect(
      unaudited.execute(
        {
          type: 'AmendNotification',
          data: { incidentId, reason: 'correcting-a-mistake', changes: { caseOutline: 'x' } },
        },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'audit_failed' });
    expect((await store.readStream(incidentStreamId(incidentId))).map((e) => e.type)).toEqual(['IncidentNotified']);
  });

  it('answers concurrency when the stream keeps changing beyond the attempts', async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    let writes = 0;
    // A store whose stream moves on between every read and append: the handler must give up, not loop forever.
    const racing: EventStore = {
      ...store,
      appendToStream: async (streamId, events, options) => {
        writes += 1;
        await store.appendToStream(streamId, [{ ...events[0]!, eventId: randomUUID(), type: 'NotificationAmended' }], {
          expectedRevision: 'any',
        });
        return store.appendToStream(streamId, events, options);
      },
    };
    const busy = createCommandHandler({
      store: racing,
      vault,
      audit,
      clock: () => new Date('2026-03-10T09:30:00Z'),
      newId: randomUUID,
      maxAttempts: 3,
    });
    await expect(
      busy.execute(
        {
          type: 'AmendNotification',
          data: { incidentId, reason: 'correcting-a-mistake', changes: { caseOutline: 'x' } },
        },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'concurrency' });
    expect(writes).toBe(3);
  });

  it('loads partnership coverage: an LA outside the partnership is refused with the field named', async () => {
    const command = notify(randomUUID());
    command.data.localAuthorityCode = 'E08000036';
    await expect(handler.execute(command, { actor: leeds })).rejects.toMatchObject({
      code: 'validation',
      field: 'localAuthorityCode',
    });
  });

  it('erases personal data with two admins: the request destroys nothing, the approval by another admin destroys the key', async () => {
    const incidentId = randomUUID();
    await handler.execute(notify(incidentId), { actor: leeds });
    const admin1 = { userId: 'admin-1', role: 'admin' } as const;
    await handler.execute(
      { type: 'RequestErasure', data: { incidentId, legalBasis: 'court-order' } },
      { actor: admin1 },
    );
    expect(await vault.isErased(incidentId)).toBe(false);
    await expect(
      handler.execute({ type: 'ApproveErasure', data: { incidentId } }, { actor: admin1 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await vault.isErased(incidentId)).toBe(false);
    await handler.execute(
      { type: 'ApproveErasure', data: { incidentId } },
      { actor: { userId: 'admin-2', role: 'admin' } },
    );
    const events = await store.readStream(incidentStreamId(incidentId));
    expect(events.map((e) => e.type).slice(-2)).toEqual(['ErasureRequested', 'PersonalDataErased']);
    expect(events.at(-1)!.data).toMatchObject({
      requestedBy: 'admin-1',
      approvedBy: 'admin-2',
      legalBasis: 'court-order',
    });
    expect(await vault.isErased(incidentId)).toBe(true);
    await expect(vault.open(incidentId, events[0]!.data.personal)).resolves.toEqual({ status: 'erased' });
  });
});
