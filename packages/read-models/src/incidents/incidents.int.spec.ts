import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import {
  child,
  incidentNotified,
  localReviewCommissioned,
  panelResponded,
  rapidReviewCompleted,
  sealedEnvelope,
} from '../test-events';
import { getIncident, listIncidents } from './incidents-query';
import { getPanelQueue } from '../panel-queue/panel-queue-query';
import { partnershipMustMeet } from '../stored-deadlines';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
});
afterAll(async () => db?.drop());

const deadline = (incident: Awaited<ReturnType<typeof getIncident>>, kind: string) =>
  incident?.deadlines.find((d) => d.kind === kind);

describe('incidents read model', () => {
  it('given IncidentNotified: status notified, key dates, children, sealed personal data and deadlines from the calendar', async () => {
    await givenEvents(db.sql, [incidentNotified('i-1')]);
    const incident = await getIncident(db.sql, 'i-1', { today: '2025-06-20' });
    expect(incident).toMatchObject({
      id: 'i-1',
      partnershipId: 'leeds',
      status: 'notified',
      nature: 'serious-harm',
      becameAwareOn: '2025-06-02',
      notifiedOn: '2025-06-04',
      rapidReviewRequired: true,
      reviewIds: [],
      personalErased: false,
      children: [expect.objectContaining({ childRef: 'child-1', ageBand: '1-5' })],
      sealedPersonal: { notification: sealedEnvelope('notification-i-1') },
    });
    // Became aware Monday 2 June 2025: 5 working days → Monday 9 June; notified on the 4th, on time.
    expect(deadline(incident, 'notification')).toMatchObject({
      dueOn: '2025-06-09',
      metOn: '2025-06-04',
      metOnTime: true,
      overdue: false,
    });
    // 2025 guidance: 15 working days from notification (Wed 4 June) → Wed 25 June; on the 20th, 3 working days left.
    expect(deadline(incident, 'rapid-review')).toMatchObject({
      dueOn: '2025-06-25',
      metOn: null,
      workingDaysLeft: 3,
      overdue: false,
      dueThisWeek: false,
    });
    expect(incident?.history).toEqual([
      expect.objectContaining({ type: 'IncidentNotified', on: '2025-06-04', actorRole: 'partnership' }),
    ]);
  });

  it('days left and overdue are computed for the day asked, not stored', async () => {
    const late = await getIncident(db.sql, 'i-1', { today: '2025-06-26' });
    expect(deadline(late, 'rapid-review')).toMatchObject({ dueOn: '2025-06-25', overdue: true, workingDaysLeft: -1 });
    expect(late?.overdue).toBe(true);
    const overdue = await listIncidents(db.sql, { overdue: true, today: '2025-06-26', first: 10 });
    expect(overdue.items.map((i) => i.id)).toContain('i-1');
    const notOverdue = await listIncidents(db.sql, { overdue: true, today: '2025-06-20', first: 10 });
    expect(notOverdue.items.map((i) => i.id)).not.toContain('i-1');
  });

  it('given an amendment: status amended, corrected fields, deadlines moved, the amended sealed part replaces the notification part', async () => {
    await givenEvents(db.sql, [
      {
        type: 'NotificationAmended',
        data: {
          incidentId: 'i-1',
          amendedAt: '2025-06-05T08:00:00.000Z',
          changes: { becameAwareOn: '2025-06-03', children: [child('child-1', 'under-1')] },
          changedFields: ['becameAwareOn', 'children'],
        },
        personal: sealedEnvelope('amended-i-1'),
      },
    ]);
    const incident = await getIncident(db.sql, 'i-1', { today: '2025-06-05' });
    expect(incident).toMatchObject({
      status: 'amended',
      becameAwareOn: '2025-06-03',
      becameAwareDeclaredOn: '2025-06-02',
      becameAwareAmended: true,
      children: [expect.objectContaining({ ageBand: 'under-1' })],
    });
    expect(incident?.sealedPersonal).toEqual({ notification: sealedEnvelope('amended-i-1') });
    // The notification clock keeps the became-aware date declared at notification (2 June → due 9 June).
    expect(deadline(incident, 'notification')).toMatchObject({ anchorDate: '2025-06-02', dueOn: '2025-06-09' });
  });

  it('given a rapid review then a Panel response: decision, national flag, response, deadlines met', async () => {
    await givenEvents(db.sql, [rapidReviewCompleted('i-1', '2025-06-20', { nationalCriteriaMayBeMet: true })]);
    const submitted = await getIncident(db.sql, 'i-1', { today: '2025-06-23' });
    expect(submitted).toMatchObject({
      status: 'rapid-review-submitted',
      rapidReview: { localReviewDecision: 'local-review', nationalCriteriaMayBeMet: true, submission: 1 },
    });
    expect(deadline(submitted, 'rapid-review')).toMatchObject({ metOn: '2025-06-20', metOnTime: true });
    // Panel target: 10 working days after Friday 20 June → Friday 4 July.
    expect(deadline(submitted, 'panel-response')).toMatchObject({ dueOn: '2025-07-04', metOn: null });
    await givenEvents(db.sql, [panelResponded('i-1', '2025-07-07')]);
    const responded = await getIncident(db.sql, 'i-1', { today: '2025-07-08' });
    expect(responded).toMatchObject({
      status: 'panel-responded',
      panelResponse: { outcome: 'agreed', respondedOn: '2025-07-07' },
    });
    expect(deadline(responded, 'panel-response')).toMatchObject({
      metOn: '2025-07-07',
      metOnTime: false,
      overdue: false,
    });
    expect(responded?.sealedPersonal?.rapidReviews).toHaveLength(1);
  });

  it('given a review commissioned for the incident: linked review id and status in-review, recorded once', async () => {
    await givenEvents(db.sql, [
      localReviewCommissioned('r-1', ['i-1']),
      {
        type: 'IncidentLinkedToReview',
        data: { incidentId: 'i-1', reviewId: 'r-1', reviewKind: 'local', linkedAt: '2025-07-01T09:00:00.000Z' },
      },
    ]);
    const incident = await getIncident(db.sql, 'i-1');
    expect(incident).toMatchObject({ status: 'in-review', reviewIds: ['r-1'] });
    expect(incident?.history.map((h) => h.type)).toEqual([
      'IncidentNotified',
      'NotificationAmended',
      'RapidReviewCompleted',
      'PanelResponded',
      'LocalReviewCommissioned',
      'IncidentLinkedToReview',
    ]);
  });

  it('given PersonalDataErased: sealed parts scrubbed to null, flagged, history kept', async () => {
    await givenEvents(db.sql, [
      {
        type: 'PersonalDataErased',
        data: {
          incidentId: 'i-1',
          erasedAt: '2025-08-01T09:00:00.000Z',
          legalBasis: 'court-order',
          requestedBy: 'a',
          approvedBy: 'b',
        },
        actorRole: 'admin',
      },
    ]);
    const incident = await getIncident(db.sql, 'i-1');
    expect(incident).toMatchObject({ sealedPersonal: null, personalErased: true });
    const [raw] = await db.sql`select sealed_personal from read_models.incidents where incident_id = 'i-1'`;
    expect(raw?.sealed_personal).toBeNull();
    expect(incident?.history.at(-1)).toMatchObject({ type: 'PersonalDataErased', actorRole: 'admin' });
  });

  it('given NotificationWithdrawn: withdrawn, open deadlines cancelled and never overdue', async () => {
    await givenEvents(db.sql, [
      incidentNotified('i-2', { notifiedAt: '2025-06-05T10:00:00.000Z', notifiedOn: '2025-06-05' }),
      {
        type: 'NotificationWithdrawn',
        data: {
          incidentId: 'i-2',
          withdrawnAt: '2025-06-06T10:00:00.000Z',
          reason: 'duplicate',
          duplicateOfIncidentId: 'i-1',
        },
        personal: sealedEnvelope('w'),
      },
    ]);
    const incident = await getIncident(db.sql, 'i-2', { today: '2026-01-05' });
    expect(incident).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: 'duplicate', duplicateOfIncidentId: 'i-1' },
      nextDueOn: null,
      overdue: false,
    });
    expect(deadline(incident, 'rapid-review')).toMatchObject({ cancelled: true, overdue: false });
  });

  it('a looked-after child death needs no rapid review: only the notification clock', async () => {
    await givenEvents(db.sql, [
      incidentNotified('i-3', {
        nature: 'looked-after-child-death',
        partnershipId: 'york',
        notifiedAt: '2025-06-06T10:00:00.000Z',
        notifiedOn: '2025-06-06',
      }),
    ]);
    const incident = await getIncident(db.sql, 'i-3');
    expect(incident?.rapidReviewRequired).toBe(false);
    expect(incident?.deadlines.map((d) => d.kind)).toEqual(['notification']);
  });

  it('lists per partnership, filtered, newest first, with cursor pagination and a total', async () => {
    const page1 = await listIncidents(db.sql, { partnershipId: 'leeds', first: 1 });
    expect(page1).toMatchObject({ totalCount: 2, hasNextPage: true });
    expect(page1.items.map((i) => i.id)).toEqual(['i-2']);
    const page2 = await listIncidents(db.sql, { partnershipId: 'leeds', first: 1, after: page1.endCursor! });
    expect(page2.items.map((i) => i.id)).toEqual(['i-1']);
    expect(page2.hasNextPage).toBe(false);
    expect((await listIncidents(db.sql, { status: 'withdrawn', first: 10 })).items.map((i) => i.id)).toEqual(['i-2']);
    expect(
      (await listIncidents(db.sql, { nature: 'looked-after-child-death', first: 10 })).items.map((i) => i.id),
    ).toEqual(['i-3']);
    await expect(listIncidents(db.sql, { first: 5, after: 'not-a-cursor' })).rejects.toThrow(/cursor/);
  });

  it('a list reads only the fields asked for: the same rows, those fields equal, the rest left empty', async () => {
    const full = await listIncidents(db.sql, { first: 10, today: '2025-06-20' });
    const fields = ['id', 'status', 'nextDueOn', 'overdue', 'partnershipId'] as const;
    const lean = await listIncidents(db.sql, { first: 10, today: '2025-06-20', fields, count: false });
    expect(full.items.length).toBeGreaterThan(1);
    expect(full.items.some((i) => i.history.length > 0 && i.sealedPersonal !== null)).toBe(true);
    expect(lean.totalCount).toBeNull();
    expect(lean.endCursor).toBe(full.endCursor);
    const picked = (items: typeof full.items) =>
      items.map((i) => Object.fromEntries(fields.map((field) => [field, i[field]])));
    expect(picked(lean.items)).toEqual(picked(full.items));
    expect(
      lean.items.every((i) => i.history.length === 0 && i.sealedPersonal === null && i.children.length === 0),
    ).toBe(true);
  });

  it("overdue is the partnership's earliest open deadline being past: the same answer as viewing every deadline", async () => {
    for (const today of ['2025-06-01', '2025-06-20', '2025-06-26', '2025-09-01', '2026-06-01']) {
      const { items } = await listIncidents(db.sql, { first: 100, today });
      for (const incident of items)
        expect(incident.overdue).toBe(incident.deadlines.some((d) => d.overdue && partnershipMustMeet(d)));
    }
  });

  it("counts in the page's statement, and on its own for a page past the end", async () => {
    const all = await listIncidents(db.sql, { first: 100 });
    expect(all.totalCount).toBe(all.items.length);
    const past = await listIncidents(db.sql, { first: 10, page: 50 });
    expect(past.items).toEqual([]);
    expect(past.totalCount).toBe(all.items.length);
    const filtered = await listIncidents(db.sql, { partnershipId: 'leeds', first: 1 });
    expect(filtered.totalCount).toBe(all.items.filter((i) => i.partnershipId === 'leeds').length);
  });

  it('a broken event is dead-lettered with a reason and skipped; unknown types are skipped', async () => {
    await givenEvents(db.sql, [
      {
        type: 'PanelResponded',
        data: {
          incidentId: 'never',
          respondedAt: '2025-07-07T11:00:00.000Z',
          respondedOn: '2025-07-07',
          outcome: 'agreed',
        },
      },
      { type: 'SomethingNew', data: { incidentId: 'i-1' } },
      incidentNotified('i-4', { nature: undefined }),
    ]);
    const letters =
      await db.sql`select event_type, projection, reason from read_models.dead_letters order by event_type`;
    expect(letters).toEqual([
      { event_type: 'IncidentNotified', projection: 'incidents', reason: 'missing or invalid field nature' },
      {
        event_type: 'PanelResponded',
        projection: 'incidents',
        reason: 'PanelResponded for an incident never notified',
      },
    ]);
    expect(await getIncident(db.sql, 'i-4')).toBeNull();
    // One broken event never half-applies: no other read model got i-4 either.
    expect(await db.sql`select 1 from read_models.panel_queue where incident_id = 'i-4'`).toHaveLength(0);
  });

  it('a calendar with an extra holiday moves the due date', async () => {
    const calendar = createEnglandAndWalesCalendar({ extraHolidays: [{ date: '2025-06-06', name: 'Extra' }] });
    await givenEvents(
      db.sql,
      [incidentNotified('i-5', { notifiedAt: '2025-06-03T10:00:00.000Z', notifiedOn: '2025-06-03' })],
      { calendar },
    );
    expect(deadline(await getIncident(db.sql, 'i-5'), 'notification')?.dueOn).toBe('2025-06-10');
  });

  it("the Panel's response target past does not make the partnership's incident overdue, and stays visible as the Panel's", async () => {
    await givenEvents(db.sql, [
      incidentNotified('i-6', { partnershipId: 'bradford', notifiedAt: '2025-06-04T11:00:00.000Z' }),
      rapidReviewCompleted('i-6', '2025-06-20'),
    ]);
    // Panel target: Friday 4 July; on 10 July it is past and unanswered, while every partnership step is met.
    const incident = await getIncident(db.sql, 'i-6', { today: '2025-07-10' });
    expect(deadline(incident, 'panel-response')).toMatchObject({
      dueOn: '2025-07-04',
      owner: 'panel',
      statutory: false,
      overdue: true,
    });
    expect(deadline(incident, 'rapid-review')).toMatchObject({ owner: 'partnership', metOnTime: true });
    expect(incident).toMatchObject({ nextDueOn: null, overdue: false });
    const overdue = await listIncidents(db.sql, {
      partnershipId: 'bradford',
      overdue: true,
      today: '2025-07-10',
      first: 10,
    });
    expect(overdue.items).toEqual([]);
    const notOverdue = await listIncidents(db.sql, {
      partnershipId: 'bradford',
      overdue: false,
      today: '2025-07-10',
      first: 10,
    });
    expect(notOverdue.items.map((i) => i.id)).toEqual(['i-6']);
    // The Panel's own queue still carries the target.
    const queue = await getPanelQueue(db.sql, { today: '2025-07-10', first: 50 });
    expect(queue.items.find((q) => q.incidentId === 'i-6')).toMatchObject({ targetOn: '2025-07-04' });
  });

  it('amending "became aware" to a later date does not turn a late notification into an on-time one', async () => {
    // Aware Monday 2 June, notified Thursday 12 June: late (due Monday 9 June).
    await givenEvents(db.sql, [
      incidentNotified('i-7', {
        partnershipId: 'wakefield',
        notifiedAt: '2025-06-12T09:00:00.000Z',
        notifiedOn: '2025-06-12',
      }),
      {
        type: 'NotificationAmended',
        data: {
          incidentId: 'i-7',
          amendedAt: '2025-06-13T08:00:00.000Z',
          changes: { becameAwareOn: '2025-06-09' },
          changedFields: ['becameAwareOn'],
        },
      },
    ]);
    const incident = await getIncident(db.sql, 'i-7', { today: '2025-06-13' });
    expect(incident).toMatchObject({
      becameAwareOn: '2025-06-09',
      becameAwareDeclaredOn: '2025-06-02',
      becameAwareAmended: true,
    });
    expect(deadline(incident, 'notification')).toMatchObject({
      anchorDate: '2025-06-02',
      dueOn: '2025-06-09',
      metOn: '2025-06-12',
      metOnTime: false,
    });
  });
});
