/**
 * Issue 9's rows of the authorization matrix (authorization-matrix.int.spec.ts runs them with every role, `agency`
 * and `dfe` included): referrals, non-statutory and thematic reviews, concerned partnerships, learning, the library,
 * recurring themes and DfE's final reports. Columns: public, own (leeds), other (bradford), panel, ofsted, admin,
 * agency (the leeds referrer of the set-up's referrals), dfe.
 */
import type { GatewayFixture } from './gateway.fixture';
import type { lifecycle } from './lifecycle.fixture';
import { referralSetup } from './referral.fixture';

type Cell = 'allow' | 'deny';
type Row = (...cells: Cell[]) => Record<string, Cell>;
type MatrixOperation = {
  name: string;
  field: string;
  document: string;
  setup: (lc: ReturnType<typeof lifecycle>, f: GatewayFixture) => Promise<Record<string, unknown>>;
  expected: Record<string, Cell>;
};

const A = 'allow' as const;
const D = 'deny' as const;
const result = (field: string, input: string, payload = 'ReviewPayload') =>
  `mutation($input: ${input}!) { ${field}(input: $input) { __typename ... on ${payload} { position } ... on ClientError { code message } } }`;

const REVIEW = 'query($id: ID!) { review(id: $id) { __typename ... on Review { id status } ... on ClientError { code message } } }';

export const ISSUE_9_OPERATIONS = (row: Row): MatrixOperation[] => [
  {
    name: 'submitReferral', field: 'submitReferral', document: result('submitReferral', 'SubmitReferralInput', 'ReferralPayload'),
    setup: async () => ({
      input: {
        localAuthorityCode: 'E08000035', agency: 'POLICE', nature: 'SERIOUS_HARM', incidentOn: '2026-03-02', becameAwareOn: '2026-03-03', criteriaView: 'MET', dslConsulted: true,
        children: [{ childRef: 'child-1', name: 'Matrix Child', ageInYears: 7, sex: 'MALE', ethnicity: 'ASIAN', disability: 'NOT_KNOWN', placement: 'AT_HOME', lookedAfter: false, childInNeedPlan: false, childProtectionPlan: false, knownToAgencies: 'YES' }],
        referrer: { name: 'PC', role: 'Constable', email: 'pc@police.example' }, whatHappened: 'W', agencyReasons: 'R', location: 'L',
      },
    }),
    expected: row(D, D, D, D, D, D, A, D),
  },
  {
    name: 'decideReferral (no further action)', field: 'decideReferral', document: result('decideReferral', 'DecideReferralInput', 'ReferralPayload'),
    setup: async (lc) => ({ input: { referralId: (await referralSetup(lc).submitted()).referralId, outcome: 'NO_FURTHER_ACTION', reasons: 'Below threshold.' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'withdrawReferral', field: 'withdrawReferral', document: result('withdrawReferral', 'WithdrawReferralInput', 'ReferralPayload'),
    setup: async (lc) => ({ input: { referralId: (await referralSetup(lc).submitted()).referralId, reason: 'Sent in error.' } }),
    expected: row(D, D, D, D, D, D, A, D),
  },
  {
    name: 'referral', field: 'referral', document: 'query($id: ID!) { referral(id: $id) { __typename ... on Referral { id status } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await referralSetup(lc).submitted()).referralId }),
    expected: row(D, A, D, D, D, D, A, D),
  },
  {
    name: 'referrals (own partnership or own referrals)', field: 'referrals', document: 'query { referrals(first: 5) { totalCount } }',
    setup: async (lc) => { await referralSetup(lc).submitted(); return {}; },
    expected: row(D, A, A, D, D, D, A, D),
  },
  {
    name: 'commissionNonStatutoryReview (leeds incident)', field: 'commissionNonStatutoryReview', document: result('commissionNonStatutoryReview', 'CommissionNonStatutoryReviewInput'),
    setup: async (lc) => ({ input: { kind: 'PARTNERSHIP_REVIEW', title: 'Partnership review P', incidentIds: [(await lc.notified()).incidentId] } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'commissionThematicReview (two leeds incidents)', field: 'commissionThematicReview', document: result('commissionThematicReview', 'CommissionThematicReviewInput'),
    setup: async (lc) => ({ input: { title: 'Thematic review', theme: 'online safety', incidentIds: [(await lc.notified()).incidentId, (await lc.notified()).incidentId] } }),
    expected: row(D, A, D, A, D, D, D, D),
  },
  {
    name: 'nameConcernedPartnerships', field: 'nameConcernedPartnerships', document: result('nameConcernedPartnerships', 'NameConcernedPartnershipsInput'),
    setup: async (lc) => ({ input: { reviewId: (await referralSetup(lc).learningReview()).reviewId, partnershipIds: ['bradford'] } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'recordLearning', field: 'recordLearning', document: result('recordLearning', 'RecordLearningInput'),
    setup: async (lc) => ({ input: { reviewId: (await referralSetup(lc).learningReview()).reviewId, items: [{ kind: 'BRIEFING', title: 'Briefing' }], themes: ['neglect'] } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'addRecommendation', field: 'addRecommendation', document: result('addRecommendation', 'AddRecommendationInput'),
    setup: async (lc) => ({ input: { reviewId: (await referralSetup(lc).learningReview()).reviewId, recommendationId: 'rec-9', text: 'T', assignedAgency: 'health' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'recordActionForRecommendation', field: 'recordActionForRecommendation', document: result('recordActionForRecommendation', 'RecordActionForRecommendationInput'),
    setup: async (lc) => ({ input: { reviewId: (await referralSetup(lc).withRecommendation()).reviewId, actionId: 'act-9', recommendationId: 'rec-1', description: 'D', owner: 'O', dueOn: '2026-05-01' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'updateActionStatus', field: 'updateActionStatus', document: result('updateActionStatus', 'UpdateActionStatusInput'),
    setup: async (lc) => ({ input: { reviewId: (await referralSetup(lc).withAction()).reviewId, actionId: 'act-1', recommendationId: 'rec-1', status: 'IN_PROGRESS' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'reviewLearning', field: 'reviewLearning', document: 'query($id: ID!) { reviewLearning(reviewId: $id) { __typename ... on ReviewLearning { reviewId } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await referralSetup(lc).learningReview()).reviewId }),
    expected: row(D, A, D, A, D, A, D, D),
  },
  {
    name: 'review (final report sent to the Panel and DfE)', field: 'review', document: REVIEW,
    setup: async (lc) => ({ id: (await lc.withFinalReport()).reviewId }),
    expected: row(D, A, D, A, D, A, D, A),
  },
  {
    name: 'review (leeds learning review naming bradford as concerned)', field: 'review', document: REVIEW,
    setup: async (lc) => ({ id: (await referralSetup(lc).concerningBradford()).reviewId }),
    expected: row(D, A, A, A, D, A, D, D),
  },
  {
    name: 'partnershipReviews (own list)', field: 'partnershipReviews', document: 'query { partnershipReviews(first: 5) { reviewId listedBecause } }',
    setup: async () => ({}),
    expected: row(D, A, A, D, D, D, D, D),
  },
  {
    name: 'learningLibrary', field: 'learningLibrary', document: 'query { learningLibrary(theme: "neglect") { reviewId } }',
    setup: async () => ({}),
    expected: row(A, A, A, A, A, A, A, A),
  },
  {
    name: 'recurringThemes', field: 'recurringThemes', document: 'query { recurringThemes { theme } }',
    setup: async () => ({}),
    expected: row(D, D, D, A, D, D, D, D),
  },
  {
    name: 'finalReportsForDfe', field: 'finalReportsForDfe', document: 'query { finalReportsForDfe { reviewId } }',
    setup: async () => ({}),
    expected: row(D, D, D, A, D, D, D, A),
  },
];
