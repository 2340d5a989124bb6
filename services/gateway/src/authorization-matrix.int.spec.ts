/**
 * The authorization matrix (design.md "Security"): every role against every operation, table-driven. Each cell
 * gets fresh records, so an allowed mutation must actually succeed and a denied one must answer a clear denial:
 * ForbiddenError / NotFoundError results, or a FORBIDDEN / UNAUTHENTICATED error code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForPosition } from '@cspr/read-models';
import { startGatewayFixture } from './gateway-fixture';
import type { Caller, GatewayFixture, GraphQLResponse } from './gateway-fixture';
import { lifecycle, notifyData, rapidReviewData } from './lifecycle-setup';
import { ISSUE_9_OPERATIONS } from './authorization-matrix-issue-9';

type Who = 'public' | 'own' | 'other' | 'panel' | 'ofsted' | 'admin' | 'agency' | 'dfe';
type Cell = 'allow' | 'deny';
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

const row = (...cells: Cell[]): Record<Who, Cell> => Object.fromEntries(WHO.map((w, i) => [w, cells[i]!])) as Record<Who, Cell>;
const A = 'allow' as const;
const D = 'deny' as const;

type Lifecycle = ReturnType<typeof lifecycle>;
type Operation = {
  name: string;
  /** The top-level field whose result is judged. */
  field: string;
  document: string;
  setup: (lc: Lifecycle, f: GatewayFixture) => Promise<Record<string, unknown>>;
  expected: Record<Who, Cell>;
};

const result = (field: string, input: string) => `mutation($input: ${input}!) { ${field}(input: $input) { __typename ... on ClientError { code message } } }`;
/** Leeds in the log with its shared mailbox (the fixture knows it only as reference data); once per run. */
const registerLeeds = async (lc: Lifecycle) => {
  const admin = { actor: { userId: 'admin-1', role: 'admin' as const } };
  await lc.commands.execute({ type: 'RegisterPartnership', data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] } }, admin).catch(() => undefined);
  await lc.commands.execute({
    type: 'AddPartnershipContact', data: { partnershipId: 'leeds', contactId: 'matrix-mailbox', kind: 'shared-mailbox', email: 'matrix@leeds.example' },
  }, admin).catch(() => undefined);
};
const LATER = '2026-03-20T10:00:00Z'; // 8 working days after the default clock (10 March 2026)

const publishInput = (reviewId: string) => ({
  reviewId, publishedOn: '2026-03-20', publication: 'FULL_REPORT', summary: 'Summary.', learningThemes: ['neglect'], recommendations: ['R1'], keywords: ['k'],
  reviewModel: 'LCSPR', documents: [{ kind: 'OVERVIEW_REPORT', title: 'Child M overview report', address: 'https://leeds.example/child-m.pdf', checksum: 'a'.repeat(64) }],
});

const child = { childRef: 'child-1', name: 'Matrix Child', ageInYears: 7, sex: 'MALE', ethnicity: 'ASIAN', disability: 'NOT_KNOWN', placement: 'AT_HOME', lookedAfter: false, childInNeedPlan: false, childProtectionPlan: false, knownToAgencies: 'YES' };

const OPERATIONS: Operation[] = [
  {
    name: 'notifyIncident (for leeds)', field: 'notifyIncident', document: result('notifyIncident', 'NotifyIncidentInput'),
    setup: async () => ({ input: { partnershipId: 'leeds', localAuthorityCode: 'E08000035', nature: 'CHILD_DEATH', becameAwareOn: '2026-03-06', incidentOn: '2026-03-05', children: [child], notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' }, location: 'L', caseOutline: 'O' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'amendNotification', field: 'amendNotification', document: result('amendNotification', 'AmendNotificationInput'),
    setup: async (lc) => ({ input: { incidentId: (await lc.notified()).incidentId, changes: { caseOutline: 'Corrected.' } } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'withdrawNotification', field: 'withdrawNotification', document: result('withdrawNotification', 'WithdrawNotificationInput'),
    setup: async (lc) => ({ input: { incidentId: (await lc.notified()).incidentId, reason: 'NOTIFIED_IN_ERROR', explanation: 'Sent by mistake.' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'submitRapidReview', field: 'submitRapidReview', document: result('submitRapidReview', 'SubmitRapidReviewInput'),
    setup: async (lc) => {
      const { incidentId } = await lc.notified();
      const data = rapidReviewData(incidentId);
      return {
        input: {
          ...data, parallelProcesses: ['POLICE_INVESTIGATION'], agenciesInvolved: ['POLICE'], localReviewDecision: 'LOCAL_REVIEW',
          agencySummaries: [{ agency: 'POLICE', summary: 'Summary.' }],
        },
      };
    },
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'respondToRapidReview', field: 'respondToRapidReview', document: result('respondToRapidReview', 'RespondToRapidReviewInput'),
    setup: async (lc) => ({ input: { incidentId: (await lc.rapidReviewed()).incidentId, outcome: 'AGREED', comments: 'Agreed.' } }),
    expected: row(D, D, D, A, D, D, D, D),
  },
  {
    name: 'commissionLocalReview', field: 'commissionLocalReview', document: result('commissionLocalReview', 'CommissionLocalReviewInput'),
    setup: async (lc) => ({ input: { partnershipId: 'leeds', incidentIds: [(await lc.rapidReviewed()).incidentId], caseName: 'Child Q' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'commissionNationalReview', field: 'commissionNationalReview', document: result('commissionNationalReview', 'CommissionNationalReviewInput'),
    setup: async (lc) => ({ input: { incidentIds: [(await lc.panelAskedForNationalReview()).incidentId], title: 'National review' } }),
    expected: row(D, D, D, A, D, D, D, D),
  },
  {
    name: 'appointReviewer', field: 'appointReviewer', document: result('appointReviewer', 'AppointReviewerInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.localReview()).reviewId, reviewerName: 'Reviewer' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'delayPublication', field: 'delayPublication', document: result('delayPublication', 'DelayPublicationInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.withReviewer()).reviewId, reason: 'INQUEST', panelInformed: true, explanation: 'Inquest pending.' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'submitFinalReport', field: 'submitFinalReport', document: result('submitFinalReport', 'SubmitFinalReportInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.withReviewer()).reviewId, recipients: ['PANEL', 'DFE'] } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'publishReport', field: 'publishReport', document: result('publishReport', 'PublishReportInput'),
    setup: async (lc, f) => {
      const { reviewId } = await lc.withFinalReport();
      f.clock.set(LATER);
      return { input: publishInput(reviewId) };
    },
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'recordActionPlanProgress', field: 'recordActionPlanProgress', document: result('recordActionPlanProgress', 'RecordActionPlanProgressInput'),
    setup: async (lc, f) => {
      const { reviewId } = await lc.withFinalReport();
      f.clock.set(LATER);
      const { incidentId: _ignored, ...input } = { incidentId: '', ...publishInput(reviewId) };
      const published = await f.graphql(CALLERS.own, result('publishReport', 'PublishReportInput'), { input });
      expect(published.data!.publishReport.__typename).toBe('ReviewPayload');
      return { input: { reviewId, actions: [{ actionRef: 'A1', description: 'Train staff', owner: 'LA', status: 'IN_PROGRESS' }] } };
    },
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'closeReview', field: 'closeReview', document: result('closeReview', 'CloseReviewInput'),
    setup: async (lc) => ({ input: { reviewId: (await lc.localReview()).reviewId, reason: 'WITHDRAWN' } }),
    expected: row(D, A, D, D, D, D, D, D),
  },
  {
    name: 'registerPartnership', field: 'registerPartnership', document: result('registerPartnership', 'PartnershipInput'),
    setup: async () => ({ input: { partnershipId: `matrix-${Math.random().toString(36).slice(2, 8)}`, name: 'Matrix Partnership', localAuthorityCodes: ['E08000033'] } }),
    expected: row(D, D, D, D, D, A, D, D),
  },
  {
    name: 'addPartnershipContact', field: 'addPartnershipContact', document: result('addPartnershipContact', 'PartnershipContactInput'),
    setup: async (lc) => {
      await registerLeeds(lc);
      const contactId = `matrix-${Math.random().toString(36).slice(2, 8)}`;
      return { input: { partnershipId: 'leeds', contactId, kind: 'person', email: `${contactId}@leeds.example` } };
    },
    expected: row(D, A, D, D, D, A, D, D),
  },
  {
    name: 'setEmailPreferences (shared mailbox)', field: 'setEmailPreferences', document: result('setEmailPreferences', 'EmailPreferencesInput'),
    setup: async (lc) => {
      await registerLeeds(lc);
      return { input: { partnershipId: 'leeds', contactId: 'matrix-mailbox', receives: ['deadline-reminders', 'panel-updates'] } };
    },
    expected: row(D, A, D, D, D, A, D, D),
  },
  {
    name: 'changePartnership', field: 'changePartnership', document: result('changePartnership', 'PartnershipInput'),
    setup: async (lc) => {
      const partnershipId = `matrix-${Math.random().toString(36).slice(2, 8)}`;
      await lc.commands.execute({ type: 'RegisterPartnership', data: { partnershipId, name: 'Before', localAuthorityCodes: ['E08000034'] } }, { actor: { userId: 'admin-1', role: 'admin' } });
      return { input: { partnershipId, name: 'After', localAuthorityCodes: ['E08000034'] } };
    },
    expected: row(D, D, D, D, D, A, D, D),
  },
  {
    name: 'requestErasure', field: 'requestErasure', document: result('requestErasure', 'RequestErasureInput'),
    setup: async (lc) => ({ input: { incidentId: (await lc.notified()).incidentId, legalBasis: 'court-order' } }),
    expected: row(D, D, D, D, D, A, D, D),
  },
  {
    name: 'approveErasure (requested by admin-1)', field: 'approveErasure', document: result('approveErasure', 'ApproveErasureInput'),
    setup: async (lc) => {
      const { incidentId } = await lc.notified();
      await lc.commands.execute({ type: 'RequestErasure', data: { incidentId, legalBasis: 'court-order' } }, { actor: { userId: 'admin-1', role: 'admin' } });
      return { input: { incidentId } };
    },
    expected: row(D, D, D, D, D, A, D, D),
  },
  {
    name: 'cancelErasureRequest', field: 'cancelErasureRequest', document: result('cancelErasureRequest', 'CancelErasureRequestInput'),
    setup: async (lc) => {
      const { incidentId } = await lc.notified();
      await lc.commands.execute({ type: 'RequestErasure', data: { incidentId, legalBasis: 'court-order' } }, { actor: { userId: 'admin-1', role: 'admin' } });
      return { input: { incidentId } };
    },
    expected: row(D, D, D, D, D, A, D, D),
  },
  {
    name: 'incident', field: 'incident', document: 'query($id: ID!) { incident(id: $id) { __typename ... on Incident { id status } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await lc.notified()).incidentId }),
    expected: row(D, A, D, A, A, A, D, D),
  },
  {
    name: 'incident.personal (children\'s names)', field: 'incident', document: 'query($id: ID!) { incident(id: $id) { __typename ... on Incident { personal { children { name } } } ... on ClientError { code } } }',
    setup: async (lc) => ({ id: (await lc.notified()).incidentId }),
    expected: row(D, A, D, A, D, D, D, D),
  },
  {
    name: 'incidents (of leeds)', field: 'incidents', document: 'query { incidents(partnershipId: "leeds", first: 5) { totalCount edges { node { id } } } }',
    setup: async (lc) => { await lc.notified(); return {}; },
    expected: row(D, A, D, A, A, A, D, D),
  },
  {
    name: 'panelQueue', field: 'panelQueue', document: 'query { panelQueue(first: 5) { totalCount edges { node { incidentId } } } }',
    setup: async (lc) => { await lc.rapidReviewed(); return {}; },
    expected: row(D, D, D, A, D, D, D, D),
  },
  {
    name: 'review', field: 'review', document: 'query($id: ID!) { review(id: $id) { __typename ... on Review { id status } ... on ClientError { code message } } }',
    setup: async (lc) => ({ id: (await lc.localReview()).reviewId }),
    expected: row(D, A, D, A, D, A, D, D),
  },
  {
    name: 'reviews (of leeds)', field: 'reviews', document: 'query { reviews(partnershipId: "leeds", first: 5) { totalCount } }',
    setup: async (lc) => { await lc.localReview(); return {}; },
    expected: row(D, A, D, A, D, A, D, D),
  },
  {
    name: 'publishedReports', field: 'publishedReports', document: 'query { publishedReports(first: 5) { totalCount edges { node { caseName } } } }',
    setup: async () => ({}),
    expected: row(A, A, A, A, A, A, A, A),
  },
  {
    name: 'statisticsReleases (published)', field: 'statisticsReleases', document: 'query { statisticsReleases { label publishedOn } }',
    setup: async () => ({}),
    expected: row(A, A, A, A, A, A, A, A),
  },
  {
    name: 'statisticsReleases (awaiting release)', field: 'statisticsReleases', document: 'query { statisticsReleases(includeUnpublished: true) { label } }',
    setup: async () => ({}),
    expected: row(D, D, D, A, D, A, D, D),
  },
  {
    name: 'nationalStatistics (live, exact)', field: 'nationalStatistics', document: 'query { nationalStatistics { label complete } }',
    setup: async () => ({}),
    expected: row(D, D, D, A, A, A, D, D),
  },
  {
    name: 'notificationFeed', field: 'notificationFeed', document: 'query { notificationFeed(first: 5) { endCursor items { id type } } }',
    setup: async () => ({}),
    expected: row(D, D, D, A, A, A, D, D),
  },
  {
    name: 'projectorStatus', field: 'projectorStatus', document: 'query { projectorStatus { position lagEvents } }',
    setup: async () => ({}),
    expected: row(D, D, D, D, D, A, D, D),
  },
  {
    name: 'partnerships', field: 'partnerships', document: 'query { partnerships { id } }',
    setup: async () => ({}),
    expected: row(A, A, A, A, A, A, A, A),
  },
  ...ISSUE_9_OPERATIONS(row),
];

const DENIAL_TYPES = new Set(['ForbiddenError', 'NotFoundError']);
const DENIAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/** 'allow' only for a clean success; 'deny' only for a clear denial; anything else is reported as it is. */
const judge = (response: GraphQLResponse, field: string): string => {
  const errors = response.errors ?? [];
  const value = response.data?.[field] as { __typename?: string; message?: string } | null | undefined;
  if (response.status === 401 || errors.some((e) => DENIAL_CODES.has(String(e.extensions?.code)))) return 'deny';
  // A partnership naming another partnership in a list filter is refused with the field named.
  if (errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions?.field === 'partnershipId')) return 'deny';
  if (value?.__typename && DENIAL_TYPES.has(value.__typename)) return 'deny';
  if (errors.length > 0) return `error: ${errors[0]!.message}`;
  if (value?.__typename?.endsWith('Error')) return `error: ${value.__typename}: ${value.message}`;
  return value === undefined || value === null ? 'error: no data' : 'allow';
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
    it(`${operation.name}: ${WHO.map((w) => `${w}=${operation.expected[w]}`).join(' ')}`, async () => {
      const actual: Record<string, string> = {};
      for (const who of WHO) {
        f.clock.set('2026-03-10T09:30:00Z');
        const lc = lifecycle(f.gateway.commands);
        const variables = await operation.setup(lc, f);
        // Queries read the read models: let the projector catch up with the set-up first.
        expect(await waitForPosition(f.db.sql, lc.lastPosition(), 10_000)).toBe(true);
        actual[who] = judge(await f.graphql(CALLERS[who], operation.document, variables), operation.field);
      }
      expect(actual).toEqual(operation.expected);
    });
  }

  it('never returns a child\'s name to anyone but the owning partnership and the Panel', async () => {
    f.clock.set('2026-03-10T09:30:00Z');
    const lc = lifecycle(f.gateway.commands);
    const { incidentId } = await lc.notified();
    await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
    const document = 'query($id: ID!) { incident(id: $id) { __typename ... on Incident { personal { children { name } } } } }';
    for (const who of WHO) {
      const text = JSON.stringify(await f.graphql(CALLERS[who], document, { id: incidentId }));
      if (who === 'own' || who === 'panel') expect(text).toContain(notifyData(incidentId).children[0]!.name);
      else expect(text).not.toContain(notifyData(incidentId).children[0]!.name);
    }
  });
});
