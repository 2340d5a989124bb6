import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPartnerships, incidentStreamId, partnershipStreamId, reviewStreamId } from '@cspr/domain';
import type { Actor } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { createMasterKeyWrapper, createPersonalDataVault, migratePersonalData } from '@cspr/personal-data';
import { createTestDatabase } from '@cspr/testing';
import type { TestDatabase } from '@cspr/testing';
import { createCommandHandler } from './command-handler';
import type { CommandHandler } from './command-handler';
import { registerDefaultPartnerships } from './register-default-partnerships';

const leeds: Actor = { userId: 'alice', role: 'partnership', partnershipId: 'leeds' };
const panel: Actor = { userId: 'paula', role: 'panel' };
const admin: Actor = { userId: 'adam', role: 'admin' };

let db: TestDatabase;
let store: EventStore;
let handler: CommandHandler;
let now = new Date('2026-03-10T09:30:00Z');

const notified = async (decision: 'local-review' | 'no-local-review' = 'local-review') => {
  const incidentId = randomUUID();
  await handler.execute(
    {
      type: 'NotifyIncident',
      data: {
        incidentId,
        partnershipId: 'leeds',
        localAuthorityCode: 'E08000035',
        nature: 'child-death',
        becameAwareOn: '2026-03-05',
        incidentOn: '2026-03-04',
        guidanceEdition: 'panel-guidance-2025',
        children: [
          {
            childRef: 'child-1',
            name: 'Test Child',
            ageInYears: 4,
            sex: 'male',
            ethnicity: 'mixed',
            disability: 'not-known',
            placement: 'at-home',
            lookedAfter: false,
            childInNeedPlan: false,
            childProtectionPlan: true,
            knownToAgencies: 'yes',
          },
        ],
        notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
        location: 'L',
        caseOutline: 'O',
      },
    },
    { actor: leeds },
  );
  await handler.execute(
    {
      type: 'SubmitRapidReview',
      data: {
        incidentId,
        parallelProcesses: [],
        agenciesInvolved: ['police'],
        localReviewDecision: decision,
        localCriteria: {
          improvementsNeeded: true,
          recurrentThemes: false,
          multiAgencyConcerns: false,
          panelSuggested: false,
        },
        nationalCriteria: { improvementsNeeded: true, lawOrGuidanceChanges: false, recurrentThemes: false },
        signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
        facts: 'F',
        agencySummaries: [],
        keyPracticeEpisodes: 'K',
        livedExperience: 'L',
        immediateActions: 'I',
        learningIdentified: 'L',
        decisionReasons: 'D',
        signatories: { localAuthority: 'a', integratedCareBoard: 'b', police: 'c' },
      },
    },
    { actor: leeds },
  );
  return incidentId;
};

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  const vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  handler = createCommandHandler({ store, vault, clock: () => now, newId: randomUUID });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('review commands', () => {
  it('commissions a local review against the incident state and links the incident on its own stream', async () => {
    const incidentId = await notified();
    const reviewId = randomUUID();
    const result = await handler.execute(
      {
        type: 'CommissionLocalReview',
        data: {
          reviewId,
          partnershipId: 'leeds',
          incidentIds: [incidentId],
          guidanceEdition: 'panel-guidance-2025',
          caseName: 'Child M',
        },
      },
      { actor: leeds, commandId: 'commission-1' },
    );
    expect(result.events.map((e) => e.type)).toEqual(['LocalReviewCommissioned']);
    const incident = await store.readStream(incidentStreamId(incidentId));
    expect(incident.at(-1)).toMatchObject({ type: 'IncidentLinkedToReview', data: { reviewId, reviewKind: 'local' } });
    expect(incident.at(-1)!.metadata.causationId).toBe(result.events[0]!.eventId);
    expect(result.position).toEqual(incident.at(-1)!.position);
    // A retry appends nothing anywhere.
    const again = await handler.execute(
      {
        type: 'CommissionLocalReview',
        data: {
          reviewId,
          partnershipId: 'leeds',
          incidentIds: [incidentId],
          guidanceEdition: 'panel-guidance-2025',
          caseName: 'Child M',
        },
      },
      { actor: leeds, commandId: 'commission-1' },
    );
    expect(again.alreadyApplied).toBe(true);
    expect(await store.readStream(incidentStreamId(incidentId))).toHaveLength(incident.length);
    expect(await store.readStream(reviewStreamId(reviewId))).toHaveLength(1);
  });

  it('refuses a local review for an incident whose rapid review decided against one, and unknown incidents', async () => {
    const incidentId = await notified('no-local-review');
    await expect(
      handler.execute(
        {
          type: 'CommissionLocalReview',
          data: {
            reviewId: randomUUID(),
            partnershipId: 'leeds',
            incidentIds: [incidentId],
            guidanceEdition: 'panel-guidance-2025',
            caseName: 'Child N',
          },
        },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'illegal_state' });
    await expect(
      handler.execute(
        {
          type: 'CommissionLocalReview',
          data: {
            reviewId: randomUUID(),
            partnershipId: 'leeds',
            incidentIds: [randomUUID()],
            guidanceEdition: 'panel-guidance-2025',
            caseName: 'Child N',
          },
        },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('counts working days since the final report with the calendar, and records a short-notice publication flagged', async () => {
    const finishedReview = async () => {
      const incidentId = await notified();
      const reviewId = randomUUID();
      now = new Date('2026-03-10T09:30:00Z');
      await handler.execute(
        {
          type: 'CommissionLocalReview',
          data: { reviewId, partnershipId: 'leeds', incidentIds: [incidentId], caseName: 'Child P' },
        },
        { actor: leeds },
      );
      await handler.execute(
        { type: 'AppointReviewer', data: { reviewId, reviewerName: 'Independent Reviewer' } },
        { actor: leeds },
      );
      now = new Date('2026-04-01T10:00:00Z'); // Wednesday before Easter 2026 (Good Friday 3 April, Easter Monday 6 April)
      await handler.execute(
        { type: 'SubmitFinalReport', data: { reviewId, recipients: ['panel', 'dfe'] } },
        { actor: leeds },
      );
      return reviewId;
    };
    const publish = (reviewId: string, publishedOn: string) =>
      handler.execute(
        {
          type: 'PublishReport',
          data: {
            reviewId,
            publishedOn,
            publication: 'full-report',
            documents: [
              {
                kind: 'overview-report',
                title: 'Child P overview',
                address: 'https://leeds.example/child-p.pdf',
                checksum: 'a'.repeat(64),
              },
            ],
            summary: 'S',
            learningThemes: ['neglect'],
            recommendations: ['R'],
            keywords: ['k'],
            reviewModel: 'lcspr',
          },
        },
        { actor: leeds },
      );
    const early = await finishedReview();
    const onTime = await finishedReview();
    now = new Date('2026-04-20T10:00:00Z');
    // 1 April + 7 working days skips Good Friday and Easter Monday: 2, 7, 8, 9, 10, 13, 14 April.
    const lastEvent = async (reviewId: string) => (await store.readStream(reviewStreamId(reviewId))).at(-1)!;
    expect((await publish(early, '2026-04-13')).events.map((e) => e.type)).toEqual(['ReportPublished']);
    expect((await lastEvent(early)).data).toMatchObject({
      publishedOn: '2026-04-13',
      finalReportNoticeWorkingDays: 6,
      finalReportNoticeMet: false,
    });
    expect((await publish(onTime, '2026-04-14')).events.map((e) => e.type)).toEqual(['ReportPublished']);
    expect((await lastEvent(onTime)).data).toMatchObject({
      publishedOn: '2026-04-14',
      finalReportNoticeWorkingDays: 7,
      finalReportNoticeMet: true,
    });
    now = new Date('2026-03-10T09:30:00Z');
  });

  it('commissions a national review over incidents of two partnerships (Panel)', async () => {
    const first = await notified();
    const second = await notified();
    for (const incidentId of [first, second]) {
      await handler.execute(
        { type: 'RespondToRapidReview', data: { incidentId, outcome: 'national-review', comments: '' } },
        { actor: panel },
      );
    }
    const reviewId = randomUUID();
    const result = await handler.execute(
      {
        type: 'CommissionNationalReview',
        data: {
          reviewId,
          incidentIds: [first, second],
          guidanceEdition: 'panel-guidance-2025',
          title: 'National review',
          thematic: false,
        },
      },
      { actor: panel },
    );
    expect(result.related).toHaveLength(2);
    for (const incidentId of [first, second]) {
      expect((await store.readStream(incidentStreamId(incidentId))).at(-1)!.type).toBe('IncidentLinkedToReview');
    }
  });
});

describe('default partnerships', () => {
  it('are registered once through the write path, and coverage follows a later change', async () => {
    const some = defaultPartnerships.slice(0, 5);
    const leedsDefault = defaultPartnerships.find((p) => p.partnershipId === 'leeds')!;
    expect(await registerDefaultPartnerships(handler, [...some, leedsDefault])).toEqual({
      registered: 6,
      existing: 0,
      refused: [],
    });
    expect(await registerDefaultPartnerships(handler, [...some, leedsDefault])).toEqual({
      registered: 0,
      existing: 6,
      refused: [],
    });
    expect(await store.readStream(partnershipStreamId(some[0]!.partnershipId))).toHaveLength(1);
    await handler.execute(
      {
        type: 'ChangePartnership',
        data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035', 'E08000036'] },
      },
      { actor: admin },
    );
    // Wakefield (E08000036) is now Leeds's: the decider accepts it from the stream, not from the defaults.
    const incidentId = randomUUID();
    const result = await handler.execute(
      {
        type: 'NotifyIncident',
        data: {
          incidentId,
          partnershipId: 'leeds',
          localAuthorityCode: 'E08000036',
          nature: 'serious-harm',
          becameAwareOn: '2026-03-09',
          incidentOn: '2026-03-08',
          guidanceEdition: 'panel-guidance-2025',
          children: [
            {
              childRef: 'child-1',
              name: 'X',
              sex: 'female',
              ethnicity: 'white',
              disability: 'no',
              placement: 'at-home',
              lookedAfter: false,
              childInNeedPlan: false,
              childProtectionPlan: false,
              knownToAgencies: 'no',
            },
          ],
          notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
          location: 'L',
          caseOutline: 'O',
        },
      },
      { actor: leeds },
    );
    expect(result.events).toHaveLength(1);
  });
});
