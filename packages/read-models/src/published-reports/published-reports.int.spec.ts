import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels, READ_MODEL_TABLES } from '../migrations';
import { incidentErasedLiveAndRebuilt } from '../incident-erasure.fixture';
import { givenEvents, sealedEvents, testVaultOf } from '../projection-spec';
import { localReviewCommissioned, reportPublished, reportPublishedInPlaintext } from '../test-events';
import { listPublishedReports } from './published-reports-query';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await migrateReadModels(db.sql);
  await givenEvents(db.sql, [
    {
      type: 'PartnershipRegistered',
      data: {
        partnershipId: 'leeds',
        name: 'Leeds Safeguarding Children Partnership',
        localAuthorityCodes: ['E08000035'],
      },
    },
    localReviewCommissioned('r-m', ['i-1'], '2024-06-01', 'Child M'),
    localReviewCommissioned('r-q', ['i-2'], '2024-09-01', 'Child Q'),
    {
      type: 'NationalReviewCommissioned',
      data: {
        reviewId: 'r-n',
        incidentIds: ['i-3', 'i-4'],
        partnershipIds: ['leeds', 'york'],
        commissionedAt: '2024-02-01T09:00:00.000Z',
        commissionedOn: '2024-02-01',
        guidanceEdition: 'working-together-2023',
        title: 'Child protection in England',
        thematic: false,
      },
    },
  ]);
});
afterAll(async () => db?.drop());

describe('published reports', () => {
  it('given reviews only commissioned: nothing is listed', async () => {
    expect(await listPublishedReports(db.sql, { first: 10 })).toMatchObject({ items: [], totalCount: 0 });
  });

  it('given ReportPublished: the partnership page entry and the NSPCC record', async () => {
    await givenEvents(db.sql, [reportPublished('r-m', '2025-03-10')]);
    const { items } = await listPublishedReports(db.sql, { first: 10 });
    expect(items).toEqual([
      {
        reviewId: 'r-m',
        kind: 'local',
        partnershipId: 'leeds',
        partnershipIds: ['leeds'],
        partnershipName: 'Leeds Safeguarding Children Partnership',
        title: null,
        caseName: 'Child M',
        publishedOn: '2025-03-10',
        year: 2025,
        publication: 'full-report',
        documents: [
          {
            kind: 'overview-report',
            title: 'Child M – Overview Report – December 2025',
            address: 'https://example.org/child-m-overview.pdf',
            checksum: 'a'.repeat(64),
          },
          {
            kind: 'executive-summary',
            title: 'Child M – Executive Summary',
            address: 'https://example.org/child-m-summary.pdf',
            checksum: 'b'.repeat(64),
          },
        ],
        summary: 'Serious harm to a toddler; learning about information sharing between health visitors and police.',
        themes: ['Information sharing', 'Neglect'],
        recommendations: ['Review the multi-agency referral pathway'],
        keywords: ['toddler', 'head injury'],
        reviewModel: 'lcspr',
        link: 'https://example.org/child-m-overview.pdf',
      },
    ]);
  });

  it('search by partnership, year, theme and text; newest first; national reviews say "National"', async () => {
    await givenEvents(db.sql, [
      reportPublished('r-q', '2025-11-20', {
        caseName: 'Child Q',
        learningThemes: ['Adolescent risk'],
        summary: 'Exploitation of a 15-year-old: 100% of agencies knew.',
        keywords: ['exploitation'],
        documents: [
          {
            kind: 'learning-summary',
            title: 'Child Q – 7-minute briefing',
            address: 'https://example.org/q.pdf',
            checksum: 'c'.repeat(64),
          },
        ],
      }),
      reportPublished('r-n', '2024-05-01', {
        caseName: 'Arthur and Star',
        learningThemes: ['Neglect', 'Domestic abuse'],
        reviewModel: 'national',
      }),
    ]);
    const ids = async (options: Parameters<typeof listPublishedReports>[1]) =>
      (await listPublishedReports(db.sql, options)).items.map((r) => r.reviewId);
    expect(await ids({ first: 10 })).toEqual(['r-q', 'r-m', 'r-n']);
    expect(await ids({ partnershipId: 'york', first: 10 })).toEqual(['r-n']);
    expect(await ids({ year: 2025, first: 10 })).toEqual(['r-q', 'r-m']);
    expect(await ids({ theme: 'neglect', first: 10 })).toEqual(['r-m', 'r-n']);
    expect(await ids({ search: 'EXPLOITATION', first: 10 })).toEqual(['r-q']);
    expect(await ids({ search: '7-minute', first: 10 })).toEqual(['r-q']);
    // LIKE wildcards in the search text are literal characters.
    expect(await ids({ search: '100%', first: 10 })).toEqual(['r-q']);
    expect(await ids({ search: '%', first: 10 })).toEqual(['r-q']);
    expect(await ids({ search: '_', first: 10 })).toEqual([]);
    const national = (await listPublishedReports(db.sql, { partnershipId: 'york', first: 1 })).items[0];
    expect(national).toMatchObject({
      partnershipName: 'National',
      title: 'Child protection in England',
      caseName: 'Arthur and Star',
    });
    const page = await listPublishedReports(db.sql, { first: 2 });
    expect(page).toMatchObject({ hasNextPage: true, totalCount: 3 });
    expect(await ids({ first: 2, after: page.endCursor! })).toEqual(['r-n']);
  });

  it('a republication replaces the record; a publication for a review never commissioned is dead-lettered', async () => {
    await givenEvents(db.sql, [
      reportPublished('r-m', '2025-04-01', {
        publication: 'improvements-only',
        documents: [
          {
            kind: 'action-plan',
            title: 'Child M – Action plan',
            address: 'https://example.org/m-plan.pdf',
            checksum: 'd'.repeat(64),
          },
        ],
      }),
      reportPublished('r-unknown', '2025-04-01'),
    ]);
    const [m] = (await listPublishedReports(db.sql, { search: 'child m', first: 10 })).items;
    expect(m).toMatchObject({
      publishedOn: '2025-04-01',
      publication: 'improvements-only',
      link: 'https://example.org/m-plan.pdf',
    });
    expect(m?.documents).toHaveLength(1);
    expect(await db.sql`select projection, reason from read_models.dead_letters`).toEqual([
      { projection: 'reviews', reason: 'ReportPublished for a review never commissioned' },
    ]);
  });

  it("after the review's erasure it stays listed, but the platform's copy of its case name, text and themes is removed", async () => {
    await givenEvents(db.sql, [
      reportPublished('r-q', '2025-05-01', { caseName: 'Child Q' }),
      {
        type: 'PersonalDataErased',
        data: {
          reviewId: 'r-q',
          erasedAt: '2025-06-01T09:00:00.000Z',
          legalBasis: 'court-order',
          requestedBy: 'a',
          approvedBy: 'b',
        },
      },
    ]);
    const { items } = await listPublishedReports(db.sql, { partnershipId: 'leeds', first: 10 });
    const q = items.find((item) => item.reviewId === 'r-q');
    expect(q).toMatchObject({
      caseName: 'Details removed',
      summary: '',
      recommendations: [],
      keywords: [],
      publishedOn: '2025-05-01',
      // Sealed with the record's text, which a rebuild after the erasure cannot open: blanked live to match.
      themes: [],
      // The partnership's files stay listed and linked; their titles ("Child M – …") are the platform's copy.
      documents: [
        { kind: 'overview-report', title: 'Details removed', address: 'https://example.org/child-m-overview.pdf' },
        { kind: 'executive-summary', title: 'Details removed', address: 'https://example.org/child-m-summary.pdf' },
      ],
      link: 'https://example.org/child-m-overview.pdf',
    });
    expect(items.find((item) => item.reviewId === 'r-m')?.caseName).toBe('Child M');
    const found = (await listPublishedReports(db.sql, { search: 'head injury', first: 10 })).items.map(
      (r) => r.reviewId,
    );
    expect(found).toContain('r-m');
    expect(found).not.toContain('r-q');
    const byTitle = await listPublishedReports(db.sql, { search: 'executive summary', first: 10 });
    expect(byTitle.items.map((r) => r.reviewId)).not.toContain('r-q');
    expect(await db.sql`select projection, reason from read_models.dead_letters`).toHaveLength(1);
  });

  it("an incident's erasure removes its reviews' case names and text at once, as a rebuild after it does", async () => {
    const { live, rebuilt } = await incidentErasedLiveAndRebuilt('read_models.published_reports', async (sql) => {
      const { items } = await listPublishedReports(sql, { first: 10 });
      expect(items.map((item) => [item.reviewId, item.caseName])).toEqual([
        ['r-k', 'Child K'],
        ['r-e', 'Details removed'],
      ]);
      expect((await listPublishedReports(sql, { search: 'child e', first: 10 })).items).toEqual([]);
    });
    expect(live).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ review_id: 'r-t', title: 'Details removed', incident_ids: ['i-x', 'i-e'] }),
        expect.objectContaining({ review_id: 'r-k', case_name: 'Child K' }),
        expect.objectContaining({
          review_id: 'r-e',
          // The stored file is withdrawn (no address: its bytes are deleted), the partnership's own link stays.
          documents: [
            { kind: 'overview-report', title: 'Details removed', checksum: 'c'.repeat(64), withdrawn: true },
            {
              kind: 'executive-summary',
              title: 'Details removed',
              address: 'https://example.org/child-e-summary.pdf',
              checksum: 'd'.repeat(64),
            },
          ],
          link: 'https://example.org/child-e-summary.pdf',
        }),
      ]),
    );
    expect(rebuilt).toEqual(live);
  });

  it('an event written before the sealing (all in plaintext) projects as a sealed one, and is erased the same', async () => {
    const own = await createTestDatabase();
    try {
      await migrateReadModels(own.sql);
      const log = await sealedEvents(own.sql, [
        localReviewCommissioned('r-old', ['i-1'], '2024-06-01', 'Child M'),
        localReviewCommissioned('r-new', ['i-2'], '2024-06-01', 'Child M'),
        reportPublishedInPlaintext('r-old', '2025-03-10'),
        reportPublished('r-new', '2025-03-10'),
      ]);
      await givenEvents(own.sql, log);
      const records = async () => {
        const { items } = await listPublishedReports(own.sql, { first: 10 });
        return Object.fromEntries(items.map(({ reviewId, ...record }) => [reviewId, record]));
      };
      const published = await records();
      expect(published['r-new']).toMatchObject({
        caseName: 'Child M',
        documents: [{ title: 'Child M – Overview Report – December 2025' }, { title: 'Child M – Executive Summary' }],
      });
      expect(published['r-old']).toEqual(published['r-new']);

      const vault = await testVaultOf(own.sql);
      const erasures = ['r-old', 'r-new'].map((reviewId) => ({
        type: 'PersonalDataErased',
        data: {
          reviewId,
          erasedAt: '2025-06-01T09:00:00.000Z',
          legalBasis: 'court-order',
          requestedBy: 'a',
          approvedBy: 'b',
        },
      }));
      for (const reviewId of ['r-old', 'r-new'])
        await vault.destroyKey(reviewId, { reason: 'court-order', requestedBy: 'a', approvedBy: 'b' });
      await givenEvents(own.sql, erasures);
      const erased = await records();
      expect(erased['r-new']?.documents.map((d) => d.title)).toEqual(['Details removed', 'Details removed']);
      expect(erased['r-old']).toEqual(erased['r-new']);
      const live = await own.sql`select to_jsonb(t) as row from read_models.published_reports t order by review_id`;

      // A rebuild after the erasure: the sealed titles no longer open, and the old plaintext is blanked again.
      await own.sql.unsafe(`truncate ${READ_MODEL_TABLES.join(', ')}`);
      await givenEvents(own.sql, [...log, ...erasures]);
      expect(await own.sql`select to_jsonb(t) as row from read_models.published_reports t order by review_id`).toEqual(
        live,
      );
    } finally {
      await own.drop();
    }
  });
});
