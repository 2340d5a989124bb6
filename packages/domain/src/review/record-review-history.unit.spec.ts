/** RecordReviewHistory: a review published before the platform, recorded from the partnership's listing. */
import { describe, expect, it } from 'vitest';
import { reviewDecider } from './review-decide';
import type { RecordReviewHistory } from './review-commands';
import type { HistoricReviewRecorded } from './review-events';
import { localReviewCommissioned, reviewState } from './review-test-fixtures';
import { extendedContext, subGroup } from '../referral/referral-test-fixtures';
import { NOW } from '../incident/incident-test-fixtures';
import { deciderSpec } from '../shared/decider-spec';

const spec = deciderSpec(reviewDecider);
const HISTORIC = 'historic-child-m';

const entry = (overrides: Partial<RecordReviewHistory['data']> = {}): RecordReviewHistory['data'] => ({
  reviewId: HISTORIC,
  partnershipId: 'leeds',
  listingKind: 'serious-case-review',
  caseName: 'Child M',
  otherArea: null,
  documents: [
    { kind: 'overview-report', title: 'Overview Report', publishedMonth: '2019-09' },
    { kind: 'agency-response', title: 'Agency Responses since 2011', publishedMonth: null },
  ],
  listingPosition: 42,
  source: 'web-page-text',
  ...overrides,
});
const record = (
  overrides: Partial<RecordReviewHistory['data']> = {},
  context = extendedContext('admin'),
): RecordReviewHistory => ({
  type: 'RecordReviewHistory',
  data: entry(overrides),
  context,
});
const recorded = (overrides: Partial<RecordReviewHistory['data']> = {}): HistoricReviewRecorded => ({
  type: 'HistoricReviewRecorded',
  schemaVersion: 1,
  data: {
    ...entry(overrides),
    otherArea: overrides.otherArea ?? null,
    recordedAt: NOW,
  } as HistoricReviewRecorded['data'],
});

describe('RecordReviewHistory', () => {
  it('the operator records a historic review: history with no clock, published in the month of its latest document', () => {
    spec.given([]).when(record()).then([recorded()]);
    expect(reviewState(recorded())).toMatchObject({
      status: 'published',
      statutory: false,
      kind: 'local',
      publishedOn: '2019-09-01',
      incidentIds: [],
      ownerPartnershipId: 'leeds',
    });
  });

  it('the same listing entry again records nothing; a changed entry is recorded whole', () => {
    spec.given([recorded()]).when(record()).then([]);
    const more = [
      ...entry().documents,
      { kind: 'learning-summary' as const, title: 'Learning Summary', publishedMonth: '2019-10' },
    ];
    spec
      .given([recorded()])
      .when(record({ documents: more }))
      .then([recorded({ documents: more })]);
  });

  it("the partnership may record its own history, not another partnership's", () => {
    spec
      .given([])
      .when(record({}, subGroup('leeds')))
      .then([recorded()]);
    spec
      .given([])
      .when(record({}, subGroup('york')))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([])
      .when(record({}, extendedContext('panel')))
      .thenThrows({ code: 'forbidden' });
  });

  it('never overwrites a review of the platform, and takes no step of the process afterwards', () => {
    spec
      .given([localReviewCommissioned])
      .when(record({ reviewId: 'local-1' }))
      .thenThrows({ code: 'illegal_state' });
    spec
      .given([recorded()])
      .when({
        type: 'AppointReviewer',
        data: { reviewId: HISTORIC, reviewerName: 'Someone' },
        context: subGroup('leeds'),
      })
      .thenThrows({ code: 'illegal_state' });
  });

  it('refuses an entry with no dated document, an unknown kind or a malformed month, naming the field', () => {
    spec
      .given([])
      .when(record({ documents: [{ kind: 'overview-report', title: 'Overview Report', publishedMonth: null }] }))
      .thenThrows({ code: 'validation', field: 'documents' });
    spec
      .given([])
      .when(record({ listingKind: 'case-review' as never }))
      .thenThrows({ code: 'validation', field: 'listingKind' });
    spec
      .given([])
      .when(record({ documents: [{ kind: 'overview-report', title: 'Overview Report', publishedMonth: '2019-13' }] }))
      .thenThrows({ code: 'validation', field: 'documents.0.publishedMonth' });
  });
});
