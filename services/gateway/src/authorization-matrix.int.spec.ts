/**
 * The authorization matrix, generated from the one policy table (ACCESS_POLICY in @cspr/domain): every kind of
 * caller against every operation. Each row names its operation and the record it acts on (relative to the
 * callers: leeds is "own", bradford "other"); the expected cell is the table's answer, so the test and the policy
 * cannot drift. Each cell gets fresh records, so an allowed mutation must actually succeed and a denied one must
 * answer a clear denial: ForbiddenError / NotFoundError results, or a FORBIDDEN / UNAUTHENTICATED error code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mayPerform,
  OPERATIONS as POLICY_OPERATIONS,
  type Actor,
  type Operation as PolicyOperation,
  type RecordFacts,
} from '@cspr/domain';
import { waitForPosition } from '@cspr/read-models';
import { startGatewayFixture } from './gateway.fixture';
import type { Caller, GatewayFixture, GraphQLResponse } from './gateway.fixture';
import { lifecycle, notifyData, rapidReviewData } from './lifecycle.fixture';
import { referralSetup } from './referral.fixture';

type Who = 'public' | 'own' | 'other' | 'panel' | 'ofsted' | 'admin' | 'agency' | 'dfe';
const WHO: Who[] = ['public', 'own', 'other', 'panel', 'ofsted', 'admin', 'agency', 'dfe'];
const CALLERS: Record<Who, Caller> = {
  public: 'public',
  own: { role: 'partnership', partnership: 'leeds' },
  other: { role: 'partnership', partnership: 'bradford' },
  panel: { role: 'panel' },
  ofsted: { role: 'ofsted' },
  // The second admin: approveErasure approves a request made by admin-1.
  admin: { role: 'admin', sub: 'admin-2' },
  // Issue 9: a police referrer tied to leeds (the referrer of the set-up's referrals) and DfE.
  agency: { role: 'agency', partnership: 'leeds', sub: 'officer-1' },
  dfe: { role: 'dfe', sub: 'dora' },
};

/** The domain actor each caller's token becomes (null: the public). */
const ACTORS: Record<Who, Actor | null> = {
  public: null,
  own: { userId: 'own', role: 'partnership', partnershipId: 'leeds' },
  other: { userId: 'other', role: 'partnership', partnershipId: 'bradford' },
  panel: { userId: 'panel', role: 'panel' },
  ofsted: { userId: 'ofsted', role: 'ofsted' },
  admin: { userId: 'admin-2', role: 'admin' },
  agency: { userId: 'officer-1', role: 'agency', partnershipId: 'leeds' },
  dfe: { userId: 'dora', role: 'dfe' },
};

const LEEDS: RecordFacts = { owner: 'leeds' };
const BRADFORD: RecordFacts = { owner: 'bradford' };
/** The set-up's referrals are submitted by officer-1 of the leeds police. */
const OFFICERS_REFERRAL: RecordFacts = { owner: 'leeds', referredBy: 'officer-1' };

/**
 * What the table says: `operation` on `record`; with `uses`, the operation also reads those incidents (a review of
 * incidents the caller may not read answers NOT FOUND).
 */
type Policy = { operation: PolicyOperation; record?: RecordFacts; uses?: RecordFacts };
const expectedBy = (policy: Policy): Record<Who, 'allow' | 'deny'> =>
  Object.fromEntries(
    WHO.map((who) => {
      const actor = ACTORS[who];
      const allowed =
        mayPerform(actor, policy.operation, policy.record) &&
        (!policy.uses || mayPerform(actor, 'incident', policy.uses));
      return [who, allowed ? 'allow' : 'deny'];
    }),
  ) as Record<Who, 'allow' | 'deny'>;

type Lifecycle = ReturnType<typeof lifecycle>;
type Operation = {
  name: string;
  /** The top-level field whose result is judged. */
  field: string;
  document: string;
  setup: (lc: Lifecycle, f: GatewayFixture) => Promise<Record<string, unknown>>;
  policy: Policy;
};

const result = (field: string, input: string, payload?: string) =>
  `mutation($input: ${input}!) { ${field}(input: $input) { __typename ${payload ? `... on ${payload} { position } ` : ''}... on ClientError { code message } } }`;
const REVIEW =
  'query($id: ID!) { review(id: $id) { __typename ... on Review { id status } ... on ClientError { code message } } }';
/** Leeds in the log with its shared mailbox (the fixture knows it only as reference data); once per run. */
const registerLeeds = async (lc: Lifecycle) => {
  const admin = { actor: { userId: 'admin-1', role: 'admin' as const } };
  await lc.commands
    .execute(
      {
        type: 'RegisterPartnership',
        data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] },
      },
      admin,
    )
    .catch(() => undefined);
  await lc.commands
    .execute(
      {
        type: 'AddPartnershipContact',
        data: {
          partnershipId: 'leeds',
          contactId: 'matrix-mailbox',
          kind: 'shared-mailbox',
          email: 'matrix@leeds.example',
        },
      },
      admin,
    )
    .catch(() => undefined);
};
/** A leeds incident its partnership withdrew (notified in error). */
const withdrawnIncident = async (lc: Lifecycle) => {
  const { incidentId } = await lc.notified();
  await lc.commands.execute(
    {
      type: 'WithdrawNotification',
      data: { incidentId, reason: 'notified-in-error', explanation: 'Sent by mistake.' },
    },
    { actor: { userId: 'leeds-user', role: 'partnership', partnershipId: 'leeds' } },
  );
  return incidentId;
};
const LATER = '2026-03-20T10:00:00Z'; // 8 working days after the default clock (10 March 2026)

const publishInput = (reviewId: string) => ({
  reviewId,
  publishedOn: '2026-03-20',
  publication: 'FULL_REPORT',
  summary: 'Summary.',
  learningThemes: ['neglect'],
  recommendations: ['R1'],
  keywords: ['k'],
  reviewModel: 'LCSPR',
  documents: [
    {
      kind: 'OVERVIEW_REPORT',
      title: 'Child M overview report',
      address: 'https://leeds.example/child-m.pdf',
      checksum: 'a'.repeat(64),
    },
  ],
});

const child = {
  childRef: 'child-1',
  name: 'Matrix Child',
  ageInYears: 7,
  sex: 'MALE',
  ethnicity: 'ASIAN',
  disability: 'NOT_KNOWN',
  placement: 'AT_HOME',
  lookedAfter: false,
  childInNeedPlan: false,
  childProtectionPlan: false,
  knownToAgencies: 'YES',
};

const OPERATIONS: Operation[] = [
  {
    name: 'notifyIncident (for leeds)',
    field: 'notifyIncident',
    document: result('notifyIncident', 'NotifyIncidentInput'),
    setup: async () => ({
      input: {
        partnershipId: 'leeds',
        localAuthorityCode: 'E08000035',
        nature: 'CHILD_DEATH',
        becameAwareOn: '2026-03-06',
        incidentOn: '2026-03-05',
        children: [child],
        notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
        location: 'L',
        caseOutline: 'O',
      },
    }),
    policy: { operation: 'notifyIncident', record: LEEDS },
  },
  {
    name: 'amendNotification',
    field: 'amendNotification',
    document: result('amendNotification', 'AmendNotificationInput'),
    setup: async (lc) => ({
      input: {
        incidentId: (await lc.notified()).incidentId,
        reason: 'CORRECTING_A_MISTAKE',
        changes: { caseOutline: 'Corrected.' },
      },
    }),
    policy: { operation: 'amendNotification', record: LEEDS },
  },
  {
    name: 'withdrawNotification',
    field: 'withdrawNotification',
    document: result('withdrawNotification', 'WithdrawNotificationInput'),
    setup: async (lc) => ({
      input: {
        incidentId: (await lc.notified()).incidentId,
        reason: 'NOTIFIED_IN_ERROR',
        explanation: 'Sent by mistake.',
      },
    }),
    policy: { operation: 'withdrawNotification', record: LEEDS },
  },
  {
    name: 'submitRapidReview',
    field: 'submitRapidReview',
    document: result('submitRapidReview', 'SubmitRapidReviewInput'),
    setup: async (lc) => {
      const { incidentId } = await lc.notified();
      const data = rapidReviewData(incidentId);
      return {
        input: {
          ...data,
          parallelProcesses: ['POLICE_INVESTIGATION'],
          agenciesInvolved: ['POLICE'],
          localReviewDecision: 'LOCAL_REVIEW',
          agencySummaries: [{ agency: 'POLICE', summary: 'Summary.' }],
        },
      };
    },
    policy: { operation: 'submitRapidReview', record: LEEDS },
  },
  {
    name: 'respondToRapidReview',
    field: 'respondToRapidReview',
    document: result('respondToRapidReview', 'RespondToRapidReviewInput'),
    setup: async (lc) => ({
      input: { incidentId: (await lc.rapidReviewed()).incidentId, outcome: 'AGREED', comments: 'Agreed.' },
    }),
    policy: { operation: 'respondToRapidReview', record: LEEDS },
  },
  {
    name: 'commissionLocalReview',
    field: 'commissionLocalReview',
    document: result('commissionLocalReview', 'CommissionLocalReviewInput'),
    setup: async (lc) => ({
      input: { partnershipId: 'leeds', incidentIds: [(await lc.rapidReviewed()).incidentId], caseName: 'Child Q' },
    }),
    policy: { operation: 'commissionLocalReview', record: LEEDS, uses: LEEDS },
  },
  {
    // Bradford probing with a Leeds incident for its own review: answered as for an unknown incident.
    name: 'commissionLocalReview (for bradford, of a leeds incident)',
    field: 'commissionLocalReview',
    document: result('commissionLocalReview', 'CommissionLocalReviewInput'),
    setup: async (lc) => ({
      input: { partnershipId: 'bradford', incidentIds: [(await lc.rapidReviewed()).incidentId], caseName: 'Child Q' },
    }),
    policy: { operation: 'commissionLocalReview', record: BRADFORD, uses: LEEDS },
  },
  {
    name: 'commissionLocalReview (for bradford, of a withdrawn leeds incident)',
    field: 'commissionLocalReview',
    document: result('commissionLocalReview', 'CommissionLocalReviewInput'),
    setup: async (lc) => ({
      input: { partnershipId: 'bradford', incidentIds: [await withdrawnIncident(lc)], caseName: 'Child Q' },
    }),
    policy: { operation: 'commissionLocalReview', record: BRADFORD, uses: LEEDS },
  },
  {
    name: 'commissionNationalReview',
    field: 'commissionNationalReview',
    document: result('commissionNationalReview', 'CommissionNationalReviewInput'),
    setup: async (lc) => ({
      input: { incidentIds: [(await lc.panelAskedForNationalReview()).incidentId], title: 'National review' },
    }),
    policy: { operation: 'commissionNationalReview', uses: LEEDS },
  },
  {
    name: 'appointReviewer',
    field: 'appointReviewer',
    document: result('appointReviewer', 'AppointReviewerInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.localReview()).reviewId, reviewerName: 'Reviewer' } }),
    policy: { operation: 'appointReviewer', record: LEEDS },
  },
  {
    name: 'delayPublication',
    field: 'delayPublication',
    document: result('delayPublication', 'DelayPublicationInput'),
    setup: async (lc) => ({
      input: {
        reviewId: (await lc.withReviewer()).reviewId,
        reason: 'INQUEST',
        panelInformed: true,
        explanation: 'Inquest pending.',
      },
    }),
    policy: { operation: 'delayPublication', record: LEEDS },
  },
  {
    name: 'submitFinalReport',
    field: 'submitFinalReport',
    document: result('submitFinalReport', 'SubmitFinalReportInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.withReviewer()).reviewId, recipients: ['PANEL', 'DFE'] } }),
    policy: { operation: 'submitFinalReport', record: LEEDS },
  },
  {
    name: 'publishReport',
    field: 'publishReport',
    document: result('publishReport', 'PublishReportInput'),
    setup: async (lc, f) => {
      const { reviewId } = await lc.withFinalReport();
      f.clock.set(LATER);
      return { input: publishInput(reviewId) };
    },
    policy: { operation: 'publishReport', record: LEEDS },
  },
  {
    name: 'recordActionPlanProgress',
    field: 'recordActionPlanProgress',
    document: result('recordActionPlanProgress', 'RecordActionPlanProgressInput'),
    setup: async (lc, f) => {
      const { reviewId } = await lc.withFinalReport();
      f.clock.set(LATER);
      const { incidentId: _ignored, ...input } = { incidentId: '', ...publishInput(reviewId) };
      const published = await f.graphql(CALLERS.own, result('publishReport', 'PublishReportInput'), { input });
      expect(published.data!.publishReport.__typename).toBe('ReviewPayload');
      return {
        input: {
          reviewId,
          actions: [{ actionRef: 'A1', description: 'Train staff', owner: 'LA', status: 'IN_PROGRESS' }],
        },
      };
    },
    policy: { operation: 'recordActionPlanProgress', record: LEEDS },
  },
  {
    name: 'closeReview',
    field: 'closeReview',
    document: result('closeReview', 'CloseReviewInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.localReview()).reviewId, reason: 'WITHDRAWN' } }),
    policy: { operation: 'closeReview', record: LEEDS },
  },
  {
    name: 'registerPartnership',
    field: 'registerPartnership',
    document: result('registerPartnership', 'PartnershipInput'),
    setup: async () => ({
      input: {
        partnershipId: `matrix-${Math.random().toString(36).slice(2, 8)}`,
        name: 'Matrix Partnership',
        localAuthorityCodes: ['E08000033'],
      },
    }),
    policy: { operation: 'registerPartnership' },
  },
  {
    name: 'addPartnershipContact',
    field: 'addPartnershipContact',
    document: result('addPartnershipContact', 'PartnershipContactInput'),
    setup: async (lc) => {
      await registerLeeds(lc);
      const contactId = `matrix-${Math.random().toString(36).slice(2, 8)}`;
      return { input: { partnershipId: 'leeds', contactId, kind: 'person', email: `${contactId}@leeds.example` } };
    },
    policy: { operation: 'addPartnershipContact', record: LEEDS },
  },
  {
    name: 'setEmailPreferences (shared mailbox)',
    field: 'setEmailPreferences',
    document: result('setEmailPreferences', 'EmailPreferencesInput'),
    setup: async (lc) => {
      await registerLeeds(lc);
      return {
        input: {
          partnershipId: 'leeds',
          contactId: 'matrix-mailbox',
          receives: ['deadline-reminders', 'panel-updates'],
        },
      };
    },
    policy: { operation: 'setEmailPreferences', record: LEEDS },
  },
  {
    name: 'changePartnership',
    field: 'changePartnership',
    document: result('changePartnership', 'PartnershipInput'),
    setup: async (lc) => {
      const partnershipId = `matrix-${Math.random().toString(36).slice(2, 8)}`;
      await lc.commands.execute(
        { type: 'RegisterPartnership', data: { partnershipId, name: 'Before', localAuthorityCodes: ['E08000034'] } },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { input: { partnershipId, name: 'After', localAuthorityCodes: ['E08000034'] } };
    },
    policy: { operation: 'changePartnership' },
  },
  {
    name: 'requestErasure',
    field: 'requestErasure',
    document: result('requestErasure', 'RequestErasureInput'),
    setup: async (lc) => ({ input: { incidentId: (await lc.notified()).incidentId, legalBasis: 'court-order' } }),
    policy: { operation: 'requestErasure', record: LEEDS },
  },
  {
    // A referral decided without a notification is erased on its own (issue 15): same table row, same answers.
    name: 'requestErasure (a declined referral)',
    field: 'requestErasure',
    document: result('requestErasure', 'RequestErasureInput'),
    setup: async (lc) => {
      const { referralId } = await referralSetup(lc).submitted();
      await lc.commands.execute(
        { type: 'DecideReferral', data: { referralId, outcome: 'no-further-action', reasons: 'Below threshold.' } },
        { actor: { userId: 'leeds-user', role: 'partnership', partnershipId: 'leeds' } },
      );
      return { input: { referralId, legalBasis: 'court-order' } };
    },
    policy: { operation: 'requestErasure', record: OFFICERS_REFERRAL },
  },
  {
    name: 'approveErasure (a non-statutory review, requested by admin-1)',
    field: 'approveErasure',
    document: result('approveErasure', 'ApproveErasureInput'),
    setup: async (lc) => {
      const { reviewId } = await referralSetup(lc).learningReview();
      await lc.commands.execute(
        { type: 'RequestErasure', data: { reviewId, legalBasis: 'court-order' } },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { input: { reviewId } };
    },
    policy: { operation: 'approveErasure', record: LEEDS },
  },
  {
    name: 'approveErasure (requested by admin-1)',
    field: 'approveErasure',
    document: result('approveErasure', 'ApproveErasureInput'),
    setup: async (lc) => {
      const { incidentId } = await lc.notified();
      await lc.commands.execute(
        { type: 'RequestErasure', data: { incidentId, legalBasis: 'court-order' } },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { input: { incidentId } };
    },
    policy: { operation: 'approveErasure', record: LEEDS },
  },
  {
    name: 'cancelErasureRequest',
    field: 'cancelErasureRequest',
    document: result('cancelErasureRequest', 'CancelErasureRequestInput'),
    setup: async (lc) => {
      const { incidentId } = await lc.notified();
      await lc.commands.execute(
        { type: 'RequestErasure', data: { incidentId, legalBasis: 'court-order' } },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { input: { incidentId } };
    },
    policy: { operation: 'cancelErasureRequest', record: LEEDS },
  },
  {
    name: 'incident',
    field: 'incident',
    document:
      'query($id: ID!) { incident(id: $id) { __typename ... on Incident { id status } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await lc.notified()).incidentId }),
    policy: { operation: 'incident', record: LEEDS },
  },
  {
    name: "incident.personal (children's names)",
    field: 'incident',
    document:
      'query($id: ID!) { incident(id: $id) { __typename ... on Incident { personal { children { name } } } ... on ClientError { code } } }',
    setup: async (lc) => ({ id: (await lc.notified()).incidentId }),
    policy: { operation: 'personalData', record: LEEDS },
  },
  {
    name: 'incidents (of leeds)',
    field: 'incidents',
    document: 'query { incidents(partnershipId: "leeds", first: 5) { totalCount edges { node { id } } } }',
    setup: async (lc) => {
      await lc.notified();
      return {};
    },
    policy: { operation: 'incidents', record: LEEDS },
  },
  {
    name: 'panelQueue',
    field: 'panelQueue',
    document: 'query { panelQueue(first: 5) { totalCount edges { node { incidentId } } } }',
    setup: async (lc) => {
      await lc.rapidReviewed();
      return {};
    },
    policy: { operation: 'panelQueue' },
  },
  {
    name: 'review',
    field: 'review',
    document:
      'query($id: ID!) { review(id: $id) { __typename ... on Review { id status } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await lc.localReview()).reviewId }),
    policy: { operation: 'review', record: LEEDS },
  },
  {
    name: 'reviews (of leeds)',
    field: 'reviews',
    document: 'query { reviews(partnershipId: "leeds", first: 5) { totalCount } }',
    setup: async (lc) => {
      await lc.localReview();
      return {};
    },
    policy: { operation: 'reviews', record: LEEDS },
  },
  {
    name: 'publishedReports',
    field: 'publishedReports',
    document: 'query { publishedReports(first: 5) { totalCount edges { node { caseName } } } }',
    setup: async () => ({}),
    policy: { operation: 'publishedReports' },
  },
  {
    name: 'statisticsReleases (published)',
    field: 'statisticsReleases',
    document: 'query { statisticsReleases { label publishedOn } }',
    setup: async () => ({}),
    policy: { operation: 'statisticsReleases' },
  },
  {
    name: 'statisticsReleases (awaiting release)',
    field: 'statisticsReleases',
    document: 'query { statisticsReleases(includeUnpublished: true) { label } }',
    setup: async () => ({}),
    // Periods awaiting release are for those who publish them.
    policy: { operation: 'publishStatisticsRelease' },
  },
  {
    name: 'nationalStatistics (live, exact)',
    field: 'nationalStatistics',
    document: 'query { nationalStatistics { label complete } }',
    setup: async () => ({}),
    policy: { operation: 'nationalStatistics' },
  },
  {
    name: 'notificationFeed',
    field: 'notificationFeed',
    document: 'query { notificationFeed(first: 5) { endCursor items { id type } } }',
    setup: async () => ({}),
    policy: { operation: 'notificationFeed' },
  },
  {
    name: 'partnershipReviewsPage',
    field: 'partnershipReviewsPage',
    document: 'query { partnershipReviewsPage(partnershipId: "leeds") { name } }',
    setup: async () => ({}),
    policy: { operation: 'partnershipReviewsPage' },
  },
  {
    name: 'localAuthorities',
    field: 'localAuthorities',
    document: 'query { localAuthorities { name } }',
    setup: async () => ({}),
    policy: { operation: 'localAuthorities' },
  },
  {
    name: 'accessGrants',
    field: 'accessGrants',
    document: 'query { accessGrants { subject role } }',
    setup: async () => ({}),
    policy: { operation: 'accessGrants' },
  },
  {
    name: 'erasureRequests',
    field: 'erasureRequests',
    document: 'query { erasureRequests(first: 5) { totalCount } }',
    setup: async () => ({}),
    policy: { operation: 'erasureRequests' },
  },
  {
    name: 'personalDataReads',
    field: 'personalDataReads',
    document: 'query { personalDataReads(first: 5) { totalCount } }',
    setup: async () => ({}),
    policy: { operation: 'personalDataReads' },
  },
  {
    name: 'partnershipContacts (of leeds)',
    field: 'partnershipContacts',
    document: 'query { partnershipContacts(partnershipId: "leeds") { email } }',
    setup: async () => ({}),
    policy: { operation: 'partnershipContacts', record: LEEDS },
  },
  {
    name: 'projectorStatus',
    field: 'projectorStatus',
    document: 'query { projectorStatus { position lagEvents } }',
    setup: async () => ({}),
    policy: { operation: 'projectorStatus' },
  },
  {
    name: 'partnerships',
    field: 'partnerships',
    document: 'query { partnerships { id } }',
    setup: async () => ({}),
    policy: { operation: 'partnerships' },
  },

  {
    name: 'submitReferral',
    field: 'submitReferral',
    document: result('submitReferral', 'SubmitReferralInput', 'ReferralPayload'),
    setup: async () => ({
      input: {
        localAuthorityCode: 'E08000035',
        agency: 'POLICE',
        nature: 'SERIOUS_HARM',
        incidentOn: '2026-03-02',
        becameAwareOn: '2026-03-03',
        criteriaView: 'MET',
        dslConsulted: true,
        children: [
          {
            childRef: 'child-1',
            name: 'Matrix Child',
            ageInYears: 7,
            sex: 'MALE',
            ethnicity: 'ASIAN',
            disability: 'NOT_KNOWN',
            placement: 'AT_HOME',
            lookedAfter: false,
            childInNeedPlan: false,
            childProtectionPlan: false,
            knownToAgencies: 'YES',
          },
        ],
        referrer: { name: 'PC', role: 'Constable', email: 'pc@police.example' },
        whatHappened: 'W',
        agencyReasons: 'R',
        location: 'L',
      },
    }),
    policy: { operation: 'submitReferral', record: LEEDS },
  },
  {
    name: 'decideReferral (no further action)',
    field: 'decideReferral',
    document: result('decideReferral', 'DecideReferralInput', 'ReferralPayload'),
    setup: async (lc) => ({
      input: {
        referralId: (await referralSetup(lc).submitted()).referralId,
        outcome: 'NO_FURTHER_ACTION',
        reasons: 'Below threshold.',
      },
    }),
    policy: { operation: 'decideReferral', record: LEEDS },
  },
  {
    name: 'withdrawReferral',
    field: 'withdrawReferral',
    document: result('withdrawReferral', 'WithdrawReferralInput', 'ReferralPayload'),
    setup: async (lc) => ({
      input: { referralId: (await referralSetup(lc).submitted()).referralId, reason: 'Sent in error.' },
    }),
    policy: { operation: 'withdrawReferral', record: OFFICERS_REFERRAL },
  },
  {
    name: 'referral',
    field: 'referral',
    document:
      'query($id: ID!) { referral(id: $id) { __typename ... on Referral { id status } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await referralSetup(lc).submitted()).referralId }),
    policy: { operation: 'referral', record: OFFICERS_REFERRAL },
  },
  {
    name: 'referrals (own partnership or own referrals)',
    field: 'referrals',
    document: 'query { referrals(first: 5) { totalCount } }',
    setup: async (lc) => {
      await referralSetup(lc).submitted();
      return {};
    },
    policy: { operation: 'referrals' },
  },
  {
    name: 'commissionNonStatutoryReview (leeds incident)',
    field: 'commissionNonStatutoryReview',
    document: result('commissionNonStatutoryReview', 'CommissionNonStatutoryReviewInput'),
    setup: async (lc) => ({
      input: {
        kind: 'PARTNERSHIP_REVIEW',
        title: 'Partnership review P',
        incidentIds: [(await lc.notified()).incidentId],
      },
    }),
    policy: { operation: 'commissionNonStatutoryReview', uses: LEEDS },
  },
  {
    name: 'commissionThematicReview (two leeds incidents)',
    field: 'commissionThematicReview',
    document: result('commissionThematicReview', 'CommissionThematicReviewInput'),
    setup: async (lc) => ({
      input: {
        title: 'Thematic review',
        theme: 'online safety',
        incidentIds: [(await lc.notified()).incidentId, (await lc.notified()).incidentId],
      },
    }),
    policy: { operation: 'commissionThematicReview', uses: LEEDS },
  },
  {
    name: 'nameConcernedPartnerships',
    field: 'nameConcernedPartnerships',
    document: result('nameConcernedPartnerships', 'NameConcernedPartnershipsInput'),
    setup: async (lc) => ({
      input: { reviewId: (await referralSetup(lc).learningReview()).reviewId, partnershipIds: ['bradford'] },
    }),
    policy: { operation: 'nameConcernedPartnerships', record: LEEDS },
  },
  {
    name: 'recordLearning',
    field: 'recordLearning',
    document: result('recordLearning', 'RecordLearningInput'),
    setup: async (lc) => ({
      input: {
        reviewId: (await referralSetup(lc).learningReview()).reviewId,
        items: [{ kind: 'BRIEFING', title: 'Briefing' }],
        themes: ['neglect'],
      },
    }),
    policy: { operation: 'recordLearning', record: LEEDS },
  },
  {
    name: 'addRecommendation',
    field: 'addRecommendation',
    document: result('addRecommendation', 'AddRecommendationInput'),
    setup: async (lc) => ({
      input: {
        reviewId: (await referralSetup(lc).learningReview()).reviewId,
        recommendationId: 'rec-9',
        text: 'T',
        assignedAgency: 'health',
      },
    }),
    policy: { operation: 'addRecommendation', record: LEEDS },
  },
  {
    name: 'recordActionForRecommendation',
    field: 'recordActionForRecommendation',
    document: result('recordActionForRecommendation', 'RecordActionForRecommendationInput'),
    setup: async (lc) => ({
      input: {
        reviewId: (await referralSetup(lc).withRecommendation()).reviewId,
        actionId: 'act-9',
        recommendationId: 'rec-1',
        description: 'D',
        owner: 'O',
        dueOn: '2026-05-01',
      },
    }),
    policy: { operation: 'recordActionForRecommendation', record: LEEDS },
  },
  {
    name: 'updateActionStatus',
    field: 'updateActionStatus',
    document: result('updateActionStatus', 'UpdateActionStatusInput'),
    setup: async (lc) => ({
      input: {
        reviewId: (await referralSetup(lc).withAction()).reviewId,
        actionId: 'act-1',
        recommendationId: 'rec-1',
        status: 'IN_PROGRESS',
      },
    }),
    policy: { operation: 'updateActionStatus', record: LEEDS },
  },
  {
    name: 'reviewLearning',
    field: 'reviewLearning',
    document:
      'query($id: ID!) { reviewLearning(reviewId: $id) { __typename ... on ReviewLearning { reviewId } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await referralSetup(lc).learningReview()).reviewId }),
    policy: { operation: 'reviewLearning', record: LEEDS },
  },
  {
    name: 'review (final report sent to the Panel and DfE)',
    field: 'review',
    document: REVIEW,
    setup: async (lc) => ({ id: (await lc.withFinalReport()).reviewId }),
    policy: { operation: 'review', record: { owner: 'leeds', recipients: ['panel', 'dfe'] } },
  },
  {
    name: 'review (leeds learning review naming bradford as concerned)',
    field: 'review',
    document: REVIEW,
    setup: async (lc) => ({ id: (await referralSetup(lc).concerningBradford()).reviewId }),
    policy: { operation: 'review', record: { owner: 'leeds', concerned: ['bradford'] } },
  },
  {
    name: 'partnershipReviews (own list)',
    field: 'partnershipReviews',
    document: 'query { partnershipReviews(first: 5) { reviewId listedBecause } }',
    setup: async () => ({}),
    policy: { operation: 'partnershipReviews' },
  },
  {
    name: 'learningLibrary',
    field: 'learningLibrary',
    document: 'query { learningLibrary(theme: "neglect") { reviewId } }',
    setup: async () => ({}),
    policy: { operation: 'learningLibrary' },
  },
  {
    name: 'learningLibraryCount',
    field: 'learningLibraryCount',
    document: 'query { learningLibraryCount(theme: "neglect") }',
    setup: async () => ({}),
    policy: { operation: 'learningLibraryCount' },
  },
  {
    name: 'recurringThemes',
    field: 'recurringThemes',
    document: 'query { recurringThemes { theme } }',
    setup: async () => ({}),
    policy: { operation: 'recurringThemes' },
  },
  {
    name: 'finalReportsForDfe',
    field: 'finalReportsForDfe',
    document: 'query { finalReportsForDfe { reviewId } }',
    setup: async () => ({}),
    policy: { operation: 'finalReportsForDfe' },
  },
];

/**
 * Callers who may read leeds' records (so telling them a record exists reveals nothing) and may be answered
 * FORBIDDEN for an action they may not take. Everyone else is answered as for an unknown id.
 */
const READABLE_BY_DENIED: Record<Who, boolean> = {
  public: false,
  own: true,
  other: false,
  panel: true,
  ofsted: false,
  admin: false,
  agency: false,
  dfe: false,
};

const DENIAL_TYPES = new Set(['ForbiddenError', 'NotFoundError']);
const DENIAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/** 'allow' only for a clean success; 'deny' only for a clear denial; anything else is reported as it is. */
const judge = (response: GraphQLResponse, field: string): string => {
  const errors = response.errors ?? [];
  const value = response.data?.[field] as { __typename?: string; message?: string } | null | undefined;
  if (response.status === 401 || errors.some((e) => DENIAL_CODES.has(String(e.extensions?.code)))) return 'deny';
  // A partnership naming another partnership in a list filter is refused with the field named.
  if (errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions?.field === 'partnershipId'))
    return 'deny';
  if (value?.__typename && DENIAL_TYPES.has(value.__typename)) return 'deny';
  if (errors.length > 0) return `error: ${errors[0]!.message}`;
  if (value?.__typename?.endsWith('Error')) return `error: ${value.__typename}: ${value.message}`;
  return value === undefined || value === null ? 'error: no data' : 'allow';
};

/** Variables naming records: each gets a fresh random id, as a caller probing for records would send. */
const ID_KEYS = new Set(['id', 'incidentId', 'reviewId', 'referralId', 'incidentIds']);
const withUnknownIds = (value: unknown, ids: Map<string, string>, key = ''): unknown => {
  if (typeof value === 'string' && ID_KEYS.has(key)) {
    if (!ids.has(value)) ids.set(value, crypto.randomUUID());
    return ids.get(value);
  }
  if (Array.isArray(value)) return value.map((item) => withUnknownIds(item, ids, key));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknownIds(v, ids, k)]));
  return value;
};
/** An answer with every record id (known or made up) written as `<id>`, so two answers compare by shape and words. */
const withoutIds = (response: GraphQLResponse, ids: Map<string, string>): string => {
  let text = JSON.stringify(response);
  for (const [known, unknown] of ids) text = text.replaceAll(known, '<id>').replaceAll(unknown, '<id>');
  return text;
};

let f: GatewayFixture;
beforeAll(async () => {
  f = await startGatewayFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('authorization matrix', () => {
  for (const operation of OPERATIONS) {
    const expected = expectedBy(operation.policy);
    it(`${operation.name}: ${WHO.map((w) => `${w}=${expected[w]}`).join(' ')}`, async () => {
      const actual: Record<string, string> = {};
      const unlikeUnknown: Record<string, { known: string; unknown: string }> = {};
      for (const who of WHO) {
        f.clock.set('2026-03-10T09:30:00Z');
        const lc = lifecycle(f.gateway.commands);
        const variables = await operation.setup(lc, f);
        // Queries read the read models: let the projector catch up with the set-up first.
        expect(await waitForPosition(f.db.sql, lc.lastPosition(), 10_000)).toBe(true);
        const response = await f.graphql(CALLERS[who], operation.document, variables);
        actual[who] = judge(response, operation.field);
        // Someone else's record answers exactly as an unknown id: same code, same message, nothing to probe.
        const ids = new Map<string, string>();
        const unknownIds = withUnknownIds(variables, ids) as Record<string, unknown>;
        if (actual[who] === 'deny' && ids.size > 0 && !READABLE_BY_DENIED[who]) {
          const known = withoutIds(response, ids);
          const unknown = withoutIds(await f.graphql(CALLERS[who], operation.document, unknownIds), ids);
          if (known !== unknown) unlikeUnknown[who] = { known, unknown };
        }
      }
      expect(actual).toEqual(expected);
      expect(unlikeUnknown).toEqual({});
    });
  }

  // Rows checked by their own specs instead of here, each against every role the table names: the statistics
  // release mutations (statistics-releases.int.spec.ts), access grants (access domain and grants specs), contacts
  // (partnership-contacts.int.spec.ts), lookups by reference and the dashboard figures (incident-search.int.spec.ts).
  const CHECKED_ELSEWHERE = [
    'closeStatisticsPeriod',
    'grantAccess',
    'revokeAccess',
    'incidentByReference',
    'reviewByReference',
    'incidentFigures',
    'removePartnershipContact',
    'myEmailPreferences',
  ];
  it("covers every row of the policy table (viewer answers everyone; erasePersonalData is approveErasure's alias)", () => {
    const covered = new Set(OPERATIONS.map((o) => o.policy.operation));
    expect(POLICY_OPERATIONS.filter((op) => !covered.has(op))).toEqual(
      ['viewer', 'erasePersonalData', ...CHECKED_ELSEWHERE].sort(
        (a, b) => POLICY_OPERATIONS.indexOf(a as never) - POLICY_OPERATIONS.indexOf(b as never),
      ),
    );
  });

  it("never returns a child's name to anyone but the owning partnership and the Panel", async () => {
    f.clock.set('2026-03-10T09:30:00Z');
    const lc = lifecycle(f.gateway.commands);
    const { incidentId } = await lc.notified();
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    const document =
      'query($id: ID!) { incident(id: $id) { __typename ... on Incident { personal { children { name } } } } }';
    for (const who of WHO) {
      const text = JSON.stringify(await f.graphql(CALLERS[who], document, { id: incidentId }));
      if (who === 'own' || who === 'panel') expect(text).toContain(notifyData(incidentId).children[0]!.name);
      else expect(text).not.toContain(notifyData(incidentId).children[0]!.name);
    }
  });
});
