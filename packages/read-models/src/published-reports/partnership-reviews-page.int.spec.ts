import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { migrateReadModels } from '../migrations';
import { givenEvents, type GivenEvent } from '../projection-spec';
import { localReviewCommissioned, reportPublished } from '../test-events';
import { listPublishedReports } from './published-reports-query';
import { findPublishedDocument, getPartnershipReviewsPage } from './partnership-reviews-page-query';

const historic = (
  reviewId: string,
  caseName: string,
  listingKind: string,
  documents: object[],
  extra: object = {},
): GivenEvent => ({
  type: 'HistoricReviewRecorded',
  data: {
    reviewId,
    partnershipId: 'oxfordshire',
    listingKind,
    caseName,
    documents,
    recordedAt: '2026-12-01T10:00:00.000Z',
    ...extra,
  },
});

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
    {
      type: 'PartnershipRegistered',
      data: {
        partnershipId: 'oxfordshire',
        name: 'Oxfordshire Safeguarding Children Partnership',
        localAuthorityCodes: ['E10000025'],
      },
    },
    historic(
      'h-q',
      'Baby Q',
      'serious-case-review',
      [{ kind: 'overview-report', title: 'Overview Report', publishedMonth: '2017-06' }],
      { listingPosition: 30 },
    ),
    historic(
      'h-e',
      'Baby E',
      'serious-case-review',
      [
        { kind: 'executive-summary', title: 'Executive Summary', publishedMonth: '2017-06' },
        { kind: 'agency-response', title: 'Agency Responses since 2011' },
      ],
      { listingPosition: 31 },
    ),
    historic(
      'h-m',
      'Child M',
      'serious-case-review',
      [{ kind: 'overview-report', title: 'Overview Report', publishedMonth: '2019-09' }],
      { listingPosition: 40 },
    ),
    historic(
      'h-f',
      'Baby F',
      'serious-case-review',
      [{ kind: 'overview-report', title: 'Harrow SCR', publishedMonth: '2015-11' }],
      { otherArea: 'Harrow Safeguarding Children Board', listingPosition: 50 },
    ),
    localReviewCommissioned('r-leeds', ['i-1'], '2025-01-10', 'Child T'),
    {
      type: 'ReviewConcernsPartnerships',
      data: { reviewId: 'r-leeds', partnershipIds: ['oxfordshire'], namedOn: '2025-02-01' },
    },
    reportPublished('r-leeds', '2025-10-02', { caseName: 'Child T' }),
  ]);
});
afterAll(async () => db?.drop());

describe("a partnership's page of reviews", () => {
  it('lists its own reviews newest first, the same month in page order, with undated documents kept undated', async () => {
    const page = await getPartnershipReviewsPage(db.sql, 'oxfordshire');
    expect(page.own.map((r) => [r.caseName, r.listingKind, r.publishedOn, r.historic])).toEqual([
      ['Child M', 'serious-case-review', '2019-09-01', true],
      ['Baby Q', 'serious-case-review', '2017-06-01', true],
      ['Baby E', 'serious-case-review', '2017-06-01', true],
    ]);
    expect(page.own[2]!.documents).toEqual([
      { kind: 'executive-summary', title: 'Executive Summary', published: '2017-06' },
      { kind: 'agency-response', title: 'Agency Responses since 2011' },
    ]);
  });

  it("lists other areas' reviews that mention its services with the area's name: from its own page and from the platform", async () => {
    const page = await getPartnershipReviewsPage(db.sql, 'oxfordshire');
    expect(page.mentioning.map((r) => [r.caseName, r.otherArea])).toEqual([
      ['Child T', 'Leeds Safeguarding Children Partnership'],
      ['Baby F', 'Harrow Safeguarding Children Board'],
    ]);
    expect((await getPartnershipReviewsPage(db.sql, 'leeds')).own.map((r) => r.caseName)).toEqual(['Child T']);
  });

  it('puts historic reviews in the national collection too, and serves a stored document only once its review is published', async () => {
    const { items } = await listPublishedReports(db.sql, { partnershipId: 'oxfordshire', first: 10 });
    expect(items.map((r) => r.caseName)).toEqual(['Child M', 'Baby Q', 'Baby E', 'Baby F']);
    expect(await findPublishedDocument(db.sql, 'a'.repeat(64))).toEqual({
      title: 'Child M – Overview Report – December 2025',
      caseName: 'Child T',
      published: '2025-10-02',
    });
    await givenEvents(db.sql, [localReviewCommissioned('r-unpublished', ['i-2'], '2025-03-01', 'Child U')]);
    expect(await findPublishedDocument(db.sql, 'f'.repeat(64))).toBeUndefined();
  });
});
