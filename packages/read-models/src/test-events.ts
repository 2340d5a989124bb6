/**
 * Realistic event data for specs, with the shapes of @cspr/domain's events: personal parts as sealed-looking
 * envelopes (never opened by projections), except a review's pseudonyms, given in plaintext and sealed for real.
 */
import type { GivenEvent } from './projection-spec';

export const sealedEnvelope = (tag: string) => ({
  sealed: { keyId: `key-${tag}`, iv: 'aXY=', tag: 'dGFn', ciphertext: Buffer.from(tag).toString('base64') },
});

export const child = (ref: string, ageBand = '1-5') => ({
  childRef: ref,
  ageBand,
  sex: 'female',
  ethnicity: 'white',
  disability: 'no',
  placement: 'at-home',
  lookedAfter: false,
  childInNeedPlan: false,
  childProtectionPlan: true,
  knownToAgencies: 'yes',
});

export const incidentNotified = (incidentId: string, overrides: Record<string, unknown> = {}): GivenEvent => ({
  type: 'IncidentNotified',
  data: {
    incidentId,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    nature: 'serious-harm',
    // Monday 2 June 2025: five working days later is Monday 9 June.
    becameAwareOn: '2025-06-02',
    incidentOn: '2025-05-31',
    notifiedAt: '2025-06-04T10:15:00.000Z',
    notifiedOn: '2025-06-04',
    guidanceEdition: 'panel-guidance-2025',
    children: [child('child-1')],
    ...overrides,
  },
  personal: sealedEnvelope(`notification-${incidentId}`),
});

export const rapidReviewCompleted = (
  incidentId: string,
  submittedOn: string,
  overrides: Record<string, unknown> = {},
): GivenEvent => ({
  type: 'RapidReviewCompleted',
  data: {
    incidentId,
    submittedAt: `${submittedOn}T14:00:00.000Z`,
    submittedOn,
    parallelProcesses: ['police-investigation'],
    agenciesInvolved: ['police', 'health'],
    localReviewDecision: 'local-review',
    localCriteria: {
      improvementsNeeded: true,
      recurrentThemes: false,
      multiAgencyConcerns: true,
      panelSuggested: false,
    },
    nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: false },
    nationalCriteriaMayBeMet: false,
    signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
    submission: 1,
    ...overrides,
  },
  personal: sealedEnvelope(`rapid-review-${incidentId}`),
});

export const panelResponded = (incidentId: string, respondedOn: string, outcome = 'agreed'): GivenEvent => ({
  type: 'PanelResponded',
  data: { incidentId, respondedAt: `${respondedOn}T11:00:00.000Z`, respondedOn, outcome },
  personal: sealedEnvelope(`panel-${incidentId}`),
  actorRole: 'panel',
});

export const localReviewCommissioned = (
  reviewId: string,
  incidentIds: string[],
  commissionedOn = '2025-07-01',
  caseName = 'Child M',
): GivenEvent => ({
  type: 'LocalReviewCommissioned',
  data: {
    reviewId,
    partnershipId: 'leeds',
    incidentIds,
    commissionedAt: `${commissionedOn}T09:00:00.000Z`,
    commissionedOn,
    guidanceEdition: 'panel-guidance-2025',
  },
  // Given in plaintext, as the decider emits it: givenEvents seals it under the review's key (projection-spec.ts).
  personal: { caseName },
});

/**
 * A ReportPublished as written before its text was sealed: everything in `data`, in plaintext. Old events like it
 * are still in the log and must project as the sealed ones do. `overrides` replace fields of `data`.
 */
export const reportPublishedInPlaintext = (
  reviewId: string,
  publishedOn: string,
  overrides: Record<string, unknown> = {},
): GivenEvent => ({
  type: 'ReportPublished',
  data: {
    reviewId,
    publishedOn,
    publication: 'full-report',
    caseName: 'Child M',
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
    learningThemes: ['Information sharing', 'Neglect'],
    recommendations: ['Review the multi-agency referral pathway'],
    keywords: ['toddler', 'head injury'],
    reviewModel: 'lcspr',
    ...overrides,
  },
});

/**
 * The same publication as the decider writes it now: the record's text and its documents' titles in the personal
 * part (given in plaintext, sealed for real by givenEvents), each document's kind, address and checksum in `data`.
 * `overrides` name fields of the record as published (`documents` with their titles).
 */
export const reportPublished = (
  reviewId: string,
  publishedOn: string,
  overrides: Record<string, unknown> = {},
): GivenEvent => {
  const { caseName, summary, learningThemes, recommendations, keywords, documents, ...data } =
    reportPublishedInPlaintext(reviewId, publishedOn, overrides).data;
  const published = documents as { title: string }[];
  return {
    type: 'ReportPublished',
    data: { ...data, documents: published.map(({ title: _sealed, ...recorded }) => recorded) },
    personal: {
      ...(caseName === undefined ? {} : { caseName }),
      summary,
      learningThemes,
      recommendations,
      keywords,
      documentTitles: published.map((document) => document.title),
    },
  };
};
