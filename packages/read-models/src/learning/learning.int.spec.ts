import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { incidentErasedLiveAndRebuilt } from '../incident-erasure.fixture';
import { givenEvents, testVaultOf } from '../projection-spec';
import { listPublishedReports } from '../published-reports/published-reports-query';
import { getReview } from '../reviews/reviews-query';
import { sealedEnvelope } from '../test-events';
import {
  getRecurringThemes,
  getReviewLearning,
  listFinalReportsFor,
  listPartnershipReviews,
  searchLearningLibrary,
  countLearningLibrary,
} from './learning-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
  await givenEvents(db.sql, [
    {
      type: 'NonStatutoryReviewCommissioned',
      data: {
        reviewId: 'lr1',
        partnershipId: 'harrow',
        kind: 'multi-agency-learning-review',
        referralIds: ['r1'],
        incidentIds: [],
        commissionedAt: '2026-01-05T09:00:00Z',
        commissionedOn: '2026-01-05',
      },
      // Sealed under the review's key by givenEvents, as the write path does; the projector opens it.
      personal: { title: 'Learning from Child Q' },
    },
    {
      type: 'ReviewConcernsPartnerships',
      data: { reviewId: 'lr1', partnershipIds: ['buckinghamshire'], namedOn: '2026-01-06' },
    },
    {
      type: 'LearningRecorded',
      data: {
        reviewId: 'lr1',
        recordedOn: '2026-02-01',
        items: [{ kind: 'seven-minute-briefing' }],
      },
      personal: { titles: ['Briefing for Child Q'], themes: ['Online safety'] },
    },
    {
      type: 'RecommendationMade',
      data: {
        reviewId: 'lr1',
        recommendationId: 'rec-1',
        assignedAgency: 'police',
        madeOn: '2026-02-01',
      },
      personal: sealedEnvelope('rec-1'),
    },
    {
      type: 'ActionAssigned',
      data: {
        reviewId: 'lr1',
        actionId: 'a1',
        recommendationId: 'rec-1',
        owner: 'Met Police',
        dueOn: '2026-03-31',
        status: 'not-started',
        assignedOn: '2026-02-01',
      },
      personal: sealedEnvelope('a1'),
    },
    {
      // Written before the text was sealed: plaintext in data.
      type: 'ActionAssigned',
      data: {
        reviewId: 'lr1',
        actionId: 'a2',
        recommendationId: 'rec-1',
        description: 'Training',
        owner: 'Met Police',
        dueOn: '2026-03-01',
        status: 'in-progress',
        assignedOn: '2026-02-01',
      },
    },
    {
      type: 'ActionProgressed',
      data: {
        reviewId: 'lr1',
        actionId: 'a2',
        recommendationId: 'rec-1',
        owner: 'Met Police',
        dueOn: '2026-03-01',
        status: 'completed',
        progressedOn: '2026-02-20',
      },
      personal: sealedEnvelope('a2-note'),
    },
    {
      type: 'FinalReportSubmitted',
      data: {
        reviewId: 'lr1',
        submittedAt: '2026-03-01T09:00:00Z',
        submittedOn: '2026-03-01',
        recipients: ['panel', 'dfe'],
      },
    },
    {
      type: 'ReportPublished',
      data: {
        reviewId: 'lr1',
        publishedOn: '2026-03-20',
        publication: 'full-report',
        caseName: 'Child Q',
        documents: [],
        summary: 'Teenager harmed after online grooming',
        learningThemes: ['self-harm'],
        recommendations: ['Share logs'],
        keywords: ['grooming'],
        reviewModel: 'systems',
      },
    },
    {
      type: 'LocalReviewCommissioned',
      data: {
        reviewId: 'loc2',
        partnershipId: 'leeds',
        incidentIds: ['i2'],
        commissionedAt: '2026-01-10T09:00:00Z',
        commissionedOn: '2026-01-10',
        guidanceEdition: 'panel-guidance-2025',
      },
      personal: { caseName: 'Child K' },
    },
    {
      type: 'LearningRecorded',
      data: { reviewId: 'loc2', recordedOn: '2026-02-02', items: [] },
      personal: { titles: [], themes: ['online safety '] },
    },
    {
      // Written before names and themes were sealed: plaintext in data, projected as it is.
      type: 'LocalReviewCommissioned',
      data: {
        reviewId: 'loc1',
        partnershipId: 'leeds',
        incidentIds: ['i1'],
        commissionedAt: '2026-01-10T09:00:00Z',
        commissionedOn: '2026-01-10',
        guidanceEdition: 'panel-guidance-2025',
        caseName: 'Child L',
      },
    },
    {
      type: 'LearningRecorded',
      data: {
        reviewId: 'loc1',
        recordedOn: '2026-02-02',
        items: [{ kind: 'briefing', title: 'Old plaintext item' }],
        themes: ['online safety '],
      },
    },
    {
      type: 'RecommendationMade',
      data: {
        reviewId: 'loc1',
        recommendationId: 'rec-p',
        text: 'Old plaintext',
        assignedAgency: 'health',
        madeOn: '2026-02-02',
      },
    },
    {
      type: 'ActionAssigned',
      data: {
        reviewId: 'loc1',
        actionId: 'a-p',
        recommendationId: 'rec-p',
        owner: 'Health',
        dueOn: '2026-05-01',
        status: 'not-started',
        assignedOn: '2026-02-02',
      },
      personal: sealedEnvelope('a-p'),
    },
    {
      type: 'ActionProgressed',
      data: {
        reviewId: 'loc1',
        actionId: 'a-p',
        recommendationId: 'rec-p',
        owner: 'Health',
        dueOn: '2026-05-01',
        status: 'in-progress',
        progressedOn: '2026-02-03',
        note: 'Old plaintext note',
      },
    },
    {
      type: 'PersonalDataErased',
      data: {
        reviewId: 'loc1',
        erasedAt: '2026-02-04T09:00:00.000Z',
        legalBasis: 'court-order',
        requestedBy: 'a',
        approvedBy: 'b',
      },
    },
  ]);
});
afterAll(async () => db?.drop());

describe('review learning', () => {
  it('non-statutory reviews are tracked (no statutory clock) and published without dead letters', async () => {
    expect(await db.sql`select event_type from read_models.dead_letters`).toEqual([]);
    expect(await getReview(db.sql, 'lr1')).toMatchObject({
      kind: 'local',
      partnershipIds: ['harrow'],
      status: 'published',
      deadlines: [],
      caseName: 'Child Q',
    });
    expect((await getReview(db.sql, 'lr1'))?.history.map((h) => h.type)).toEqual([
      'NonStatutoryReviewCommissioned',
      'FinalReportSubmitted',
      'ReportPublished',
    ]);
    expect((await listPublishedReports(db.sql, { partnershipId: 'harrow' })).items.map((r) => r.reviewId)).toEqual([
      'lr1',
    ]);
  });

  it('flags an action overdue on the day asked, not once completed', async () => {
    const before = await getReviewLearning(db.sql, 'lr1', { today: '2026-03-31' });
    expect(before?.actions.map((a) => [a.actionId, a.overdue])).toEqual([
      ['a1', false],
      ['a2', false],
    ]);
    const after = await getReviewLearning(db.sql, 'lr1', { today: '2026-04-01' });
    expect(after).toMatchObject({
      kind: 'multi-agency-learning-review',
      ownerPartnershipId: 'harrow',
      concernedPartnershipIds: ['buckinghamshire'],
      referralIds: ['r1'],
      overdueActionCount: 1,
    });
    expect(after?.actions.find((a) => a.actionId === 'a2')).toMatchObject({
      status: 'completed',
      description: 'Training',
      sealedDescription: null,
      note: null,
      sealedNote: sealedEnvelope('a2-note'),
      overdue: false,
    });
    expect(after?.actions.find((a) => a.actionId === 'a1')).toMatchObject({
      description: null,
      sealedDescription: sealedEnvelope('a1'),
      note: null,
      sealedNote: null,
    });
    // The titles stay sealed (the gateway opens them per read); the projector took only the themes out.
    expect(after?.learningItems).toEqual([
      { kind: 'seven-minute-briefing', title: null, sealedTitles: { sealed: expect.any(Object) }, titleIndex: 0 },
    ]);
    expect(after).toMatchObject({ title: 'Learning from Child Q', learningThemes: ['Online safety'] });
    expect(JSON.stringify(after)).not.toContain('Briefing for Child Q');
    expect(after?.recommendations).toEqual([
      {
        recommendationId: 'rec-1',
        text: null,
        sealedText: sealedEnvelope('rec-1'),
        assignedAgency: 'police',
        madeOn: '2026-02-01',
      },
    ]);
  });

  it("blanks recommendation, action and note text, sealed or old plaintext, when the review's data is erased", async () => {
    expect(await db.sql`select * from read_models.dead_letters`).toEqual([]);
    const erased = await getReviewLearning(db.sql, 'loc1', { today: '2026-04-01' });
    expect(erased?.title).toBe('Details removed');
    // Themes are sealed under the review's key too: after the erasure they count nowhere (recurring themes included).
    expect(erased?.learningThemes).toEqual([]);
    expect(erased?.learningItems).toEqual([{ kind: 'briefing', title: null, sealedTitles: null, titleIndex: 0 }]);
    expect(erased?.recommendations).toEqual([
      { recommendationId: 'rec-p', text: null, sealedText: null, assignedAgency: 'health', madeOn: '2026-02-02' },
    ]);
    expect(erased?.actions).toMatchObject([
      {
        actionId: 'a-p',
        status: 'in-progress',
        description: null,
        sealedDescription: null,
        note: null,
        sealedNote: null,
      },
    ]);
    const [raw] =
      await db.sql`select row_to_json(l)::text as text from read_models.review_learning l where review_id = 'loc1'`;
    expect(raw?.text).not.toContain('Old plaintext');
  });

  it("lists a review in the concerned partnership's workspace and library because it mentions its services", async () => {
    const bucks = await listPartnershipReviews(db.sql, { partnershipId: 'buckinghamshire', today: '2026-04-01' });
    expect(bucks.map((r) => [r.reviewId, r.listedBecause])).toEqual([['lr1', 'mentions-our-services']]);
    expect((await listPartnershipReviews(db.sql, { partnershipId: 'harrow' })).map((r) => r.listedBecause)).toEqual([
      'own',
    ]);
    const library = await searchLearningLibrary(db.sql, { partnershipId: 'buckinghamshire' });
    expect(library).toMatchObject([
      { reviewId: 'lr1', caseName: 'Child Q', year: 2026, listedBecause: 'mentions-our-services' },
    ]);
  });

  it('searches the library by theme (recorded or published) and keyword, literally; only published reviews', async () => {
    expect((await searchLearningLibrary(db.sql, { theme: 'online safety' })).map((r) => r.reviewId)).toEqual(['lr1']);
    expect((await searchLearningLibrary(db.sql, { theme: 'SELF-HARM' })).map((r) => r.themes)).toEqual([
      ['Online safety', 'self-harm'],
    ]);
    expect((await searchLearningLibrary(db.sql, { keyword: 'groom' })).map((r) => r.reviewId)).toEqual(['lr1']);
    expect(await searchLearningLibrary(db.sql, { keyword: '%' })).toEqual([]);
    expect(await searchLearningLibrary(db.sql, { theme: 'neglect' })).toEqual([]);
  });

  it('counts every match of the same filters, and reads a page by number', async () => {
    expect(await countLearningLibrary(db.sql)).toBe(1);
    expect(await countLearningLibrary(db.sql, { theme: 'self-harm', keyword: 'groom' })).toBe(1);
    expect(await countLearningLibrary(db.sql, { partnershipId: 'buckinghamshire' })).toBe(1);
    expect(await countLearningLibrary(db.sql, { theme: 'neglect' })).toBe(0);
    expect(await countLearningLibrary(db.sql, { keyword: '%' })).toBe(0);
    expect((await searchLearningLibrary(db.sql, { first: 1, page: 1 })).map((r) => r.reviewId)).toEqual(['lr1']);
    expect(await searchLearningLibrary(db.sql, { first: 1, page: 2 })).toEqual([]);
  });

  it('gives the Panel recurring themes across partnerships and DfE the final reports sent to it', async () => {
    expect(await getRecurringThemes(db.sql)).toEqual([
      { theme: 'Online safety', partnershipIds: ['harrow', 'leeds'], reviewIds: ['lr1', 'loc2'] },
    ]);
    expect((await listFinalReportsFor(db.sql, 'dfe')).map((r) => r.reviewId)).toEqual(['lr1']);
  });

  it('projects "Details removed" and no theme for pseudonyms whose key was destroyed before they were projected (a rebuild after an erasure)', async () => {
    const vault = await testVaultOf(db.sql);
    const erasure = { reason: 'court-order', requestedBy: 'a', approvedBy: 'b' };
    const local = await vault.seal('gone-1', { caseName: 'Child Z' });
    const thematic = await vault.seal('gone-2', { title: 'Online harm to Child Y', theme: 'Theme of Child Y' });
    const learning = await vault.seal('gone-2', { titles: [], themes: ['Theme of Child X'] });
    await vault.destroyKey('gone-1', erasure);
    await vault.destroyKey('gone-2', erasure);
    await givenEvents(db.sql, [
      {
        type: 'LocalReviewCommissioned',
        data: {
          reviewId: 'gone-1',
          partnershipId: 'leeds',
          incidentIds: ['i9'],
          commissionedAt: '2026-01-10T09:00:00Z',
          commissionedOn: '2026-01-10',
          guidanceEdition: 'panel-guidance-2025',
        },
        personal: local,
      },
      {
        type: 'ThematicReviewCommissioned',
        data: {
          reviewId: 'gone-2',
          partnershipId: 'leeds',
          partnershipIds: ['leeds'],
          incidentIds: ['i9'],
          reviewIds: [],
          commissionedAt: '2026-01-10T09:00:00Z',
          commissionedOn: '2026-01-10',
        },
        personal: thematic,
      },
      {
        type: 'LearningRecorded',
        data: { reviewId: 'gone-2', recordedOn: '2026-02-02', items: [] },
        personal: learning,
      },
    ]);
    expect(await db.sql`select * from read_models.dead_letters`).toEqual([]);
    expect((await getReview(db.sql, 'gone-1'))?.caseName).toBe('Details removed');
    expect(await getReviewLearning(db.sql, 'gone-1', { today: '2026-04-01' })).toMatchObject({
      title: 'Details removed',
    });
    expect(await getReviewLearning(db.sql, 'gone-2', { today: '2026-04-01' })).toMatchObject({
      title: 'Details removed',
      theme: 'Details removed',
      learningThemes: [],
    });
  });

  it("an incident's erasure blanks its reviews' title, theme and learning themes at once, as a rebuild after it does", async () => {
    const { live, rebuilt } = await incidentErasedLiveAndRebuilt('read_models.review_learning', async (sql) => {
      expect(await getReviewLearning(sql, 'r-t', { today: '2025-07-01' })).toMatchObject({
        title: 'Details removed',
        theme: 'Details removed',
        learningThemes: [],
      });
      expect(await getReviewLearning(sql, 'r-e', { today: '2025-07-01' })).toMatchObject({
        title: 'Details removed',
        learningThemes: [],
      });
      expect(await getReviewLearning(sql, 'r-k', { today: '2025-07-01' })).toMatchObject({ title: 'Child K' });
      // Only York's review still records the theme: it recurs across no two partnerships any more.
      expect((await getRecurringThemes(sql)).map((t) => t.theme)).not.toContain('Exploitation');
    });
    expect(live.map((row) => (row as { incident_ids: string[] }).incident_ids)).toEqual([
      ['i-e'],
      ['i-k'],
      ['i-x', 'i-e'],
    ]);
    // Child E's published record keeps its documents listed, not their titles (sealed, opened no more on a rebuild).
    const [childE] = live as { publication: { documents: { title: string }[] } }[];
    expect(childE?.publication.documents.map((d) => d.title)).toEqual(['Details removed', 'Details removed']);
    expect(rebuilt).toEqual(live);
  });
});
