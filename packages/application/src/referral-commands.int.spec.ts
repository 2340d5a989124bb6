import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeEvent,
  reviewDecider,
  incidentStreamId,
  overdueActions,
  referralStreamId,
  reviewStreamId,
} from '@cspr/domain';
import type { Actor, ReviewEvent, IncidentNotified } from '@cspr/domain';
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
import { loadAggregate } from './aggregate-stream';
import { createCommandHandler } from './command-handler';
import type { CommandHandler } from './command-handler';

const CHILD_NAME = 'Quillon Testchild';
const officer: Actor = { userId: 'officer-1', role: 'agency', partnershipId: 'leeds' };
const leeds: Actor = { userId: 'alice', role: 'partnership', partnershipId: 'leeds' };
const dfe: Actor = { userId: 'dora', role: 'dfe' };

let db: TestDatabase;
let store: EventStore;
let vault: PersonalDataVault;
let audit: ReadAudit;
let handler: CommandHandler;
let now = new Date('2026-03-10T09:30:00Z');

const submit = async (referralId = randomUUID()) => {
  await handler.execute(
    {
      type: 'SubmitReferral',
      data: {
        referralId,
        partnershipId: 'leeds',
        localAuthorityCode: 'E08000035',
        agency: 'police',
        nature: 'serious-harm',
        incidentOn: '2026-03-02',
        becameAwareOn: '2026-03-03',
        criteriaView: 'met',
        dslConsulted: true,
        children: [
          {
            childRef: 'child-1',
            name: CHILD_NAME,
            ageInYears: 7,
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
        referrer: { name: 'Officer Referrer', role: 'Detective sergeant', email: 'ds@police.example' },
        whatHappened: 'Found injured at home.',
        agencyReasons: 'Injuries consistent with abuse.',
        location: 'Home address',
      },
    },
    { actor: officer },
  );
  return referralId;
};

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateEventStore(db.sql);
  await migratePersonalData(db.sql);
  store = createPostgresEventStore({ sql: db.sql, wakeups: db.wakeups });
  vault = createPersonalDataVault({ sql: db.sql, wrapper: createMasterKeyWrapper(randomBytes(32)) });
  handler = createCommandHandler({
    store,
    vault,
    audit: (audit = createReadAudit(db.sql)),
    clock: () => now,
    newId: randomUUID,
  });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('referral commands', () => {
  it('seals the referral under its own id and keeps names out of the stored data', async () => {
    const referralId = await submit();
    const [stored] = await store.readStream(referralStreamId(referralId));
    expect(stored!.type).toBe('ReferralSubmitted');
    expect(JSON.stringify(stored!.data)).not.toContain(CHILD_NAME);
    const opened = await vault.open<{ children: { name: string }[] }>(referralId, decodeEvent(stored!).personal);
    expect(opened.status === 'available' && opened.value.children[0]!.name).toBe(CHILD_NAME);
  });

  it("notifies the incident from a decision to notify, clocked from the referral's awareness date, once on retry", async () => {
    const referralId = await submit();
    const incidentId = randomUUID();
    const decide = {
      type: 'DecideReferral' as const,
      data: {
        referralId,
        outcome: 'notify' as const,
        incidentId,
        notification: {
          guidanceEdition: 'panel-guidance-2025' as const,
          notifier: { name: 'N', role: 'LA notifier', email: 'n@leeds.gov.uk' },
        },
      },
    };
    const result = await handler.execute(decide, { actor: leeds, commandId: 'decide-1' });
    expect(result.events.map((e) => e.type)).toEqual(['ReferralDecided']);
    // The handler opened the referral's personal part to build the notification: audited as the system.
    expect((await audit.query({ subjectId: referralId, first: 10 })).entries).toEqual([
      expect.objectContaining({
        actorId: 'system:command-handler',
        role: 'system',
        purpose: 'notify-from-referral',
        requestId: 'decide-1',
        partnershipId: 'leeds',
      }),
    ]);
    expect(result.related.map((r) => r.streamId)).toEqual([incidentStreamId(incidentId)]);
    const [notified] = (await store.readStream(incidentStreamId(incidentId))).map(
      (e) => decodeEvent(e) as unknown as IncidentNotified,
    );
    expect(notified).toMatchObject({
      type: 'IncidentNotified',
      data: { referralId, becameAwareOn: '2026-03-03', partnershipId: 'leeds' },
    });
    const opened = await vault.open<{ children: { name: string }[] }>(incidentId, notified!.personal);
    expect(opened.status === 'available' && opened.value.children[0]!.name).toBe(CHILD_NAME);
    const again = await handler.execute(decide, { actor: leeds, commandId: 'decide-1' });
    expect(again.alreadyApplied).toBe(true);
    expect(again.related).toEqual([]);
    expect(await store.readStream(incidentStreamId(incidentId))).toHaveLength(1);
  });

  it('refuses a decision to notify without a notifier before writing anything', async () => {
    const referralId = await submit();
    await expect(
      handler.execute(
        { type: 'DecideReferral', data: { referralId, outcome: 'notify', incidentId: randomUUID() } },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(await store.readStream(referralStreamId(referralId))).toHaveLength(1);
  });

  it('commissions a learning review from an alternative-review decision; learning, recommendations and an overdue action follow', async () => {
    const referralId = await submit();
    const reviewId = randomUUID();
    const result = await handler.execute(
      {
        type: 'DecideReferral',
        data: {
          referralId,
          outcome: 'alternative-review',
          reviewKind: 'multi-agency-learning-review',
          reviewId,
          reviewTitle: 'Learning review L',
        },
      },
      { actor: leeds },
    );
    expect(result.related[0]!.events.map((e) => e.type)).toEqual(['NonStatutoryReviewCommissioned']);
    await handler.execute(
      {
        type: 'RecordLearning',
        data: { reviewId, items: [{ kind: 'seven-minute-briefing', title: 'Briefing' }], themes: ['online safety'] },
      },
      { actor: leeds },
    );
    await handler.execute(
      {
        type: 'AddRecommendation',
        data: { reviewId, recommendationId: 'r1', text: 'Share police logs within 24 hours', assignedAgency: 'police' },
      },
      { actor: leeds },
    );
    await handler.execute(
      {
        type: 'RecordActionForRecommendation',
        data: {
          reviewId,
          actionId: 'a1',
          recommendationId: 'r1',
          description: 'New protocol',
          owner: 'West Yorkshire Police',
          dueOn: '2026-04-30',
        },
      },
      { actor: leeds },
    );
    await handler.execute(
      { type: 'NameConcernedPartnerships', data: { reviewId, partnershipIds: ['bradford'] } },
      { actor: leeds },
    );
    const { state } = await loadAggregate(store, reviewDecider, reviewStreamId(reviewId));
    expect(state.status !== 'none' && state.concernedPartnershipIds).toEqual(['bradford']);
    expect(overdueActions(state, '2026-05-01').map((a) => a.actionId)).toEqual(['a1']);
    const types = (await store.readStream(reviewStreamId(reviewId))).map(
      (e) => (decodeEvent(e) as unknown as ReviewEvent).type,
    );
    expect(types).toEqual([
      'NonStatutoryReviewCommissioned',
      'LearningRecorded',
      'RecommendationMade',
      'ActionAssigned',
      'ReviewConcernsPartnerships',
    ]);
  });

  it('refuses extended roles on the incident stream and agencies on decisions', async () => {
    const referralId = await submit();
    await expect(
      handler.execute(
        { type: 'WithdrawNotification', data: { incidentId: randomUUID(), reason: 'duplicate', explanation: 'x' } },
        { actor: dfe },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      handler.execute(
        { type: 'DecideReferral', data: { referralId, outcome: 'no-further-action', reasons: 'r' } },
        { actor: officer },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    now = new Date('2026-03-11T09:30:00Z');
    const withdrawn = await handler.execute(
      { type: 'WithdrawReferral', data: { referralId, reason: 'Sent in error' } },
      { actor: officer },
    );
    expect(withdrawn.events.map((e) => e.type)).toEqual(['ReferralWithdrawn']);
  });

  it("commissions a national thematic review across two partnerships' incidents, and refuses an unknown concerned partnership", async () => {
    const notify = async (partnershipId: string, localAuthorityCode: string, actor: Actor) => {
      const incidentId = randomUUID();
      await handler.execute(
        {
          type: 'NotifyIncident',
          data: {
            incidentId,
            partnershipId,
            localAuthorityCode,
            nature: 'serious-harm',
            becameAwareOn: '2026-03-05',
            incidentOn: '2026-03-04',
            children: [
              {
                childRef: 'child-1',
                name: CHILD_NAME,
                ageInYears: 14,
                sex: 'male',
                ethnicity: 'white',
                disability: 'no',
                placement: 'at-home',
                lookedAfter: false,
                childInNeedPlan: false,
                childProtectionPlan: false,
                knownToAgencies: 'yes',
              },
            ],
            notifier: { name: 'N', role: 'R', email: 'n@example.gov.uk' },
            location: 'L',
            caseOutline: 'O',
          },
        },
        { actor },
      );
      return incidentId;
    };
    const leedsIncident = await notify('leeds', 'E08000035', leeds);
    const bradfordIncident = await notify('bradford', 'E08000032', {
      userId: 'bea',
      role: 'partnership',
      partnershipId: 'bradford',
    });
    const reviewId = randomUUID();
    await handler.execute(
      {
        type: 'CommissionThematicReview',
        data: {
          reviewId,
          partnershipId: 'national',
          title: 'Online harm',
          theme: 'online safety',
          incidentIds: [leedsIncident, bradfordIncident],
          reviewIds: [],
        },
      },
      { actor: { userId: 'paula', role: 'panel' } },
    );
    const { state } = await loadAggregate(store, reviewDecider, reviewStreamId(reviewId));
    expect(state).toMatchObject({
      kind: 'thematic',
      ownerPartnershipId: null,
      partnershipIds: ['leeds', 'bradford'],
      statutory: false,
    });
    // Both incidents learn of the Panel's thematic review on their own streams (as a national review).
    for (const incidentId of [leedsIncident, bradfordIncident]) {
      expect((await store.readStream(incidentStreamId(incidentId))).at(-1)).toMatchObject({
        type: 'IncidentLinkedToReview',
        data: { reviewId, reviewKind: 'national' },
      });
    }
    // Leeds may not link Bradford's incident in a thematic review of its own.
    await expect(
      handler.execute(
        {
          type: 'CommissionThematicReview',
          data: {
            reviewId: randomUUID(),
            partnershipId: 'leeds',
            title: 'T',
            theme: 'neglect',
            incidentIds: [leedsIncident, bradfordIncident],
            reviewIds: [],
          },
        },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const own = randomUUID();
    await handler.execute(
      {
        type: 'CommissionNonStatutoryReview',
        data: {
          reviewId: own,
          partnershipId: 'leeds',
          kind: 'partnership-review',
          referralIds: [],
          incidentIds: [leedsIncident],
          title: 'Partnership review P',
        },
      },
      { actor: leeds },
    );
    await expect(
      handler.execute(
        { type: 'NameConcernedPartnerships', data: { reviewId: own, partnershipIds: ['atlantis'] } },
        { actor: leeds },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.readStream(reviewStreamId(own))).toHaveLength(1);
    expect((await store.readStream(incidentStreamId(leedsIncident))).at(-1)).toMatchObject({
      type: 'IncidentLinkedToReview',
      data: { reviewId: own, reviewKind: 'local' },
    });
  });
});
