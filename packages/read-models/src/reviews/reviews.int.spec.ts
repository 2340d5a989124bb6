import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents } from '../projection-spec';
import { incidentNotified, localReviewCommissioned, reportPublished, sealedEnvelope } from '../test-events';
import { getReview, listReviews } from './reviews-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
  await givenEvents(db.sql, [
    incidentNotified('i-1'),
    incidentNotified('i-2', { partnershipId: 'york' }),
    incidentNotified('i-3', { partnershipId: 'york' }),
  ]);
});
afterAll(async () => db?.drop());

const deadline = (review: Awaited<ReturnType<typeof getReview>>, kind: string) =>
  review?.deadlines.find((d) => d.kind === kind);

describe('reviews read model', () => {
  it('given LocalReviewCommissioned: commissioned, incidents, partnership, 6-month publication aim', async () => {
    await givenEvents(db.sql, [localReviewCommissioned('r-1', ['i-1'], '2025-07-01')]);
    const review = await getReview(db.sql, 'r-1', { today: '2026-01-05' });
    expect(review).toMatchObject({
      kind: 'local',
      status: 'commissioned',
      partnershipIds: ['leeds'],
      incidentIds: ['i-1'],
      caseName: 'Child M',
      commissionedOn: '2025-07-01',
    });
    expect(deadline(review, 'local-review-publication')).toMatchObject({
      dueOn: '2026-01-01',
      metOn: null,
      overdue: true,
    });
  });

  it('given ReviewerAppointed and PublicationDelayed: reviewer and delay explanation kept sealed', async () => {
    await givenEvents(db.sql, [
      {
        type: 'ReviewerAppointed',
        data: { reviewId: 'r-1', appointedOn: '2025-07-20' },
        personal: sealedEnvelope('reviewer'),
      },
      {
        type: 'PublicationDelayed',
        data: {
          reviewId: 'r-1',
          delayedOn: '2025-12-01',
          reason: 'criminal-proceedings',
          expectedPublicationOn: '2026-03-01',
          panelInformed: true,
        },
        personal: sealedEnvelope('delay'),
      },
    ]);
    const review = await getReview(db.sql, 'r-1');
    expect(review).toMatchObject({
      status: 'publication-delayed',
      reviewer: { name: null, organisation: null, sealed: sealedEnvelope('reviewer'), appointedOn: '2025-07-20' },
    });
    expect(review?.delays).toEqual([
      {
        delayedOn: '2025-12-01',
        reason: 'criminal-proceedings',
        expectedPublicationOn: '2026-03-01',
        panelInformed: true,
        sealedExplanation: sealedEnvelope('delay'),
      },
    ]);
  });

  it('given FinalReportSubmitted and ReportPublished: final report at least 7 working days before publication, publication met late', async () => {
    await givenEvents(db.sql, [
      {
        type: 'FinalReportSubmitted',
        data: {
          reviewId: 'r-1',
          submittedAt: '2026-02-16T10:00:00.000Z',
          submittedOn: '2026-02-16',
          recipients: ['panel', 'dfe'],
          plannedPublicationOn: '2026-03-02',
        },
      },
    ]);
    const submitted = await getReview(db.sql, 'r-1');
    expect(submitted?.status).toBe('final-report-submitted');
    // Monday 2 March 2026 minus 7 working days = Thursday 19 February; sent on the 16th: on time.
    expect(deadline(submitted, 'final-report-before-publication')).toMatchObject({
      dueOn: '2026-02-19',
      metOn: '2026-02-16',
      metOnTime: true,
    });
    await givenEvents(db.sql, [reportPublished('r-1', '2026-03-02')]);
    const published = await getReview(db.sql, 'r-1', { today: '2026-03-03' });
    expect(published).toMatchObject({
      status: 'published',
      publication: { publishedOn: '2026-03-02', publication: 'full-report', caseName: 'Child M' },
    });
    expect(published?.publication?.documents).toHaveLength(2);
    expect(deadline(published, 'local-review-publication')).toMatchObject({
      metOn: '2026-03-02',
      metOnTime: false,
      overdue: false,
    });
    expect(deadline(published, 'publication-availability')).toMatchObject({ dueOn: '2027-03-02', overdue: false });
    expect(published?.overdue).toBe(false);
  });

  it('given ActionPlanProgressRecorded and ReviewClosed: progress counts, closure, full history', async () => {
    await givenEvents(db.sql, [
      {
        type: 'ActionPlanProgressRecorded',
        data: {
          reviewId: 'r-1',
          recordedOn: '2026-06-01',
          actions: [
            { actionRef: 'A1', description: 'Training', owner: 'Health', status: 'completed' },
            { actionRef: 'A2', description: 'Pathway', owner: 'Police', dueOn: '2026-05-01', status: 'overdue' },
            { actionRef: 'A3', description: 'Audit', owner: 'LA', status: 'in-progress' },
          ],
        },
      },
      { type: 'ReviewClosed', data: { reviewId: 'r-1', closedOn: '2027-03-10', reason: 'completed' } },
    ]);
    const review = await getReview(db.sql, 'r-1');
    expect(review?.actionPlan).toMatchObject({
      recordedOn: '2026-06-01',
      counts: { total: 3, completed: 1, overdue: 1, inProgress: 1, notStarted: 0 },
    });
    expect(review).toMatchObject({ status: 'closed', closure: { closedOn: '2027-03-10', reason: 'completed' } });
    expect(review?.history.map((h) => h.type)).toEqual([
      'LocalReviewCommissioned',
      'ReviewerAppointed',
      'PublicationDelayed',
      'FinalReportSubmitted',
      'ReportPublished',
      'ActionPlanProgressRecorded',
      'ReviewClosed',
    ]);
  });

  it('given NationalReviewCommissioned over two partnerships: listed for each; filters by kind and status', async () => {
    await givenEvents(db.sql, [
      {
        // Written before titles were sealed: the title in plaintext in data, projected as it is.
        type: 'NationalReviewCommissioned',
        actorRole: 'panel',
        data: {
          reviewId: 'r-2',
          incidentIds: ['i-2', 'i-3'],
          partnershipIds: ['york', 'leeds'],
          commissionedAt: '2025-08-01T09:00:00.000Z',
          commissionedOn: '2025-08-01',
          guidanceEdition: 'panel-guidance-2025',
          title: 'Safeguarding children at risk from criminal exploitation',
          thematic: true,
        },
      },
    ]);
    const national = await getReview(db.sql, 'r-2');
    expect(national).toMatchObject({
      kind: 'national',
      thematic: true,
      incidentIds: ['i-2', 'i-3'],
      partnershipIds: ['york', 'leeds'],
      title: 'Safeguarding children at risk from criminal exploitation',
    });
    // r-1's case name was sealed under its key (test-events.ts) and opened by the projection step.
    expect((await getReview(db.sql, 'r-1'))?.caseName).toBe('Child M');
    expect(national?.deadlines.map((d) => d.kind)).not.toContain('local-review-publication');
    expect((await listReviews(db.sql, { partnershipId: 'york', first: 10 })).items.map((r) => r.id)).toEqual(['r-2']);
    expect((await listReviews(db.sql, { partnershipId: 'leeds', first: 10 })).items.map((r) => r.id)).toEqual([
      'r-2',
      'r-1',
    ]);
    expect((await listReviews(db.sql, { kind: 'local', first: 10 })).items.map((r) => r.id)).toEqual(['r-1']);
    expect((await listReviews(db.sql, { status: 'closed', first: 10 })).totalCount).toBe(1);
    const page = await listReviews(db.sql, { first: 1 });
    expect((await listReviews(db.sql, { first: 1, after: page.endCursor! })).items.map((r) => r.id)).toEqual(['r-1']);
  });

  it('given PersonalDataErased for a linked incident: delay explanations and reviewer of its reviews scrubbed', async () => {
    await givenEvents(db.sql, [
      localReviewCommissioned('r-3', ['i-2'], '2025-09-01', 'Child Q'),
      {
        // Written before the name was sealed: plaintext in data, kept as it came until the erasure.
        type: 'ReviewerAppointed',
        data: { reviewId: 'r-3', reviewerName: 'Old Plaintext', organisation: 'Old Org', appointedOn: '2025-09-02' },
      },
      {
        type: 'PublicationDelayed',
        data: { reviewId: 'r-3', delayedOn: '2025-12-01', reason: 'inquest', panelInformed: true },
        personal: sealedEnvelope('delay-3'),
      },
      reportPublished('r-3', '2025-12-15', { caseName: 'Child Q' }),
    ]);
    expect((await getReview(db.sql, 'r-3'))?.reviewer).toMatchObject({ name: 'Old Plaintext', sealed: null });
    await givenEvents(db.sql, [
      {
        type: 'PersonalDataErased',
        data: {
          incidentId: 'i-2',
          erasedAt: '2026-01-01T00:00:00.000Z',
          legalBasis: 'court-order',
          requestedBy: 'a',
          approvedBy: 'b',
        },
      },
    ]);
    expect((await getReview(db.sql, 'r-3'))?.delays[0]?.sealedExplanation).toBeNull();
    // The case name is blanked in the platform's copy; the other review keeps its own.
    expect((await getReview(db.sql, 'r-3'))?.caseName).toBe('Details removed');
    // Its publication stays recorded, the documents still listed, without their titles ("Child M – …").
    expect((await getReview(db.sql, 'r-3'))?.publication).toMatchObject({
      caseName: 'Details removed',
      documents: [
        { kind: 'overview-report', title: 'Details removed' },
        { kind: 'executive-summary', title: 'Details removed' },
      ],
    });
    expect((await getReview(db.sql, 'r-1'))?.caseName).not.toBe('Details removed');
    expect((await getReview(db.sql, 'r-3'))?.reviewer).toEqual({
      name: null,
      organisation: null,
      sealed: null,
      appointedOn: '2025-09-02',
    });
    expect((await getReview(db.sql, 'r-1'))?.delays[0]?.sealedExplanation).toEqual(sealedEnvelope('delay'));
  });

  it('events for a review never commissioned are dead-lettered', async () => {
    await givenEvents(db.sql, [
      { type: 'ReviewerAppointed', data: { reviewId: 'nope', reviewerName: 'X', appointedOn: '2025-01-01' } },
    ]);
    expect(await db.sql`select projection, reason from read_models.dead_letters`).toEqual([
      { projection: 'reviews', reason: 'ReviewerAppointed for a review never commissioned' },
    ]);
  });
});
