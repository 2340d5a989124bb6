/**
 * One valid input per mutation of the schema, each on fresh records made through the command handler, for the
 * hostile-input properties to spoil one field at a time. The inputs mirror the authorization matrix's allowed cells.
 */
import { randomUUID } from 'node:crypto';
import type { Caller, GatewayFixture } from '../gateway.fixture';
import type { lifecycle } from '../lifecycle.fixture';
import { rapidReviewData } from '../lifecycle.fixture';
import { referralSetup } from '../referral.fixture';

type Lifecycle = ReturnType<typeof lifecycle>;
export type MutationCase = {
  field: string;
  inputType: string;
  caller: Caller;
  /** Makes the prerequisites and answers the valid input. */
  setup: (lc: Lifecycle, f: GatewayFixture) => Promise<Record<string, unknown>>;
};

const OWN: Caller = { role: 'partnership', partnership: 'leeds' };
const PANEL: Caller = { role: 'panel' };
// The second admin: approving needs an admin other than the requester (admin-1 in the set-ups).
const ADMIN: Caller = { role: 'admin', sub: 'admin-2' };
const AGENCY: Caller = { role: 'agency', partnership: 'leeds', sub: 'officer-1' };
const LATER = '2026-03-20T10:00:00Z'; // 8 working days after the default clock: publication allowed

const child = {
  childRef: 'child-1',
  name: 'Hostile Child',
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
const notifiedChild = {
  childRef: 'child-1',
  name: 'Hostile Child',
  dateOfBirth: '2019-06-15',
  sex: 'FEMALE',
  ethnicity: 'WHITE',
  disability: 'NO',
  placement: 'AT_HOME',
  lookedAfter: false,
  childInNeedPlan: true,
  childProtectionPlan: false,
  knownToAgencies: 'YES',
};
const document =
  'mutation($input: INPUT!) { FIELD(input: $input) { __typename ... on ClientError { code message } ... on ValidationError { field } } }';
export const mutationDocument = (c: MutationCase) => document.replace('INPUT', c.inputType).replace('FIELD', c.field);

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
const requested = async (lc: Lifecycle) => {
  const { incidentId } = await lc.notified();
  await lc.commands.execute(
    { type: 'RequestErasure', data: { incidentId, legalBasis: 'court-order' } },
    { actor: { userId: 'admin-1', role: 'admin' } },
  );
  return incidentId;
};
const partnershipId = () => `hostile-${randomUUID().slice(0, 8)}`;

/** A fresh partnership with its shared mailbox, for the contact mutations. */
const withContact = async (lc: { commands: { execute: (command: never, envelope: never) => Promise<unknown> } }) => {
  const id = partnershipId();
  const admin = { actor: { userId: 'admin-1', role: 'admin' } };
  await lc.commands.execute(
    {
      type: 'RegisterPartnership',
      data: { partnershipId: id, name: 'Contacts', localAuthorityCodes: ['E08000034'] },
    } as never,
    admin as never,
  );
  await lc.commands.execute(
    {
      type: 'AddPartnershipContact',
      data: { partnershipId: id, contactId: 'business-unit', kind: 'shared-mailbox', email: 'unit@hostile.example' },
    } as never,
    admin as never,
  );
  return id;
};

export const MUTATION_CASES: MutationCase[] = [
  {
    field: 'notifyIncident',
    inputType: 'NotifyIncidentInput',
    caller: OWN,
    setup: async () => ({
      partnershipId: 'leeds',
      localAuthorityCode: 'E08000035',
      nature: 'CHILD_DEATH',
      becameAwareOn: '2026-03-06',
      incidentOn: '2026-03-05',
      children: [notifiedChild],
      notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
      location: 'L',
      caseOutline: 'O',
    }),
  },
  {
    field: 'amendNotification',
    inputType: 'AmendNotificationInput',
    caller: OWN,
    setup: async (lc) => ({
      incidentId: (await lc.notified()).incidentId,
      reason: 'CORRECTING_A_MISTAKE',
      changes: {
        caseOutline: 'Corrected.',
        location: 'Elsewhere',
        incidentOn: '2026-03-03',
        supportingDocuments: ['Doc A'],
      },
    }),
  },
  {
    field: 'withdrawNotification',
    inputType: 'WithdrawNotificationInput',
    caller: OWN,
    setup: async (lc) => ({
      incidentId: (await lc.notified()).incidentId,
      reason: 'NOTIFIED_IN_ERROR',
      explanation: 'Sent by mistake.',
    }),
  },
  {
    field: 'submitRapidReview',
    inputType: 'SubmitRapidReviewInput',
    caller: OWN,
    setup: async (lc) => ({
      ...rapidReviewData((await lc.notified()).incidentId),
      parallelProcesses: ['POLICE_INVESTIGATION'],
      agenciesInvolved: ['POLICE'],
      localReviewDecision: 'LOCAL_REVIEW',
      agencySummaries: [{ agency: 'POLICE', summary: 'Summary.' }],
    }),
  },
  {
    field: 'respondToRapidReview',
    inputType: 'RespondToRapidReviewInput',
    caller: PANEL,
    setup: async (lc) => ({
      incidentId: (await lc.rapidReviewed()).incidentId,
      outcome: 'AGREED',
      comments: 'Agreed.',
    }),
  },
  {
    field: 'commissionLocalReview',
    inputType: 'CommissionLocalReviewInput',
    caller: OWN,
    setup: async (lc) => ({
      partnershipId: 'leeds',
      incidentIds: [(await lc.rapidReviewed()).incidentId],
      caseName: 'Child Q',
    }),
  },
  {
    field: 'commissionNationalReview',
    inputType: 'CommissionNationalReviewInput',
    caller: PANEL,
    setup: async (lc) => ({
      incidentIds: [(await lc.panelAskedForNationalReview()).incidentId],
      title: 'National review',
    }),
  },
  {
    field: 'appointReviewer',
    inputType: 'AppointReviewerInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await lc.localReview()).reviewId,
      reviewerName: 'Reviewer',
      organisation: 'Org',
      appointedOn: '2026-03-09',
    }),
  },
  {
    field: 'delayPublication',
    inputType: 'DelayPublicationInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await lc.withReviewer()).reviewId,
      reason: 'INQUEST',
      panelInformed: true,
      explanation: 'Inquest pending.',
    }),
  },
  {
    field: 'submitFinalReport',
    inputType: 'SubmitFinalReportInput',
    caller: OWN,
    setup: async (lc) => ({ reviewId: (await lc.withReviewer()).reviewId, recipients: ['PANEL', 'DFE'] }),
  },
  {
    field: 'publishReport',
    inputType: 'PublishReportInput',
    caller: OWN,
    setup: async (lc, f) => {
      const { reviewId } = await lc.withFinalReport();
      f.clock.set(LATER);
      return publishInput(reviewId);
    },
  },
  {
    field: 'recordActionPlanProgress',
    inputType: 'RecordActionPlanProgressInput',
    caller: OWN,
    setup: async (lc, f) => {
      const { reviewId } = await lc.withFinalReport();
      f.clock.set(LATER);
      const published = await f.graphql(
        OWN,
        mutationDocument({
          field: 'publishReport',
          inputType: 'PublishReportInput',
          caller: OWN,
          setup: async () => ({}),
        }),
        { input: publishInput(reviewId) },
      );
      if (published.data?.publishReport?.__typename !== 'ReviewPayload')
        throw new Error(`set-up: publishReport answered ${JSON.stringify(published)}`);
      return {
        reviewId,
        actions: [{ actionRef: 'A1', description: 'Train staff', owner: 'LA', status: 'IN_PROGRESS' }],
      };
    },
  },
  {
    field: 'closeReview',
    inputType: 'CloseReviewInput',
    caller: OWN,
    setup: async (lc) => ({ reviewId: (await lc.localReview()).reviewId, reason: 'WITHDRAWN' }),
  },
  {
    field: 'grantAccess',
    inputType: 'AccessInput',
    caller: ADMIN,
    setup: async () => ({
      subject: `hostile-${Math.random().toString(36).slice(2, 10)}`,
      role: 'partnership',
      partnershipId: 'leeds',
      email: 'someone@leeds.example',
    }),
  },
  {
    field: 'revokeAccess',
    inputType: 'AccessInput',
    caller: ADMIN,
    setup: async (lc) => {
      const subject = `hostile-${Math.random().toString(36).slice(2, 10)}`;
      await lc.commands.execute(
        { type: 'GrantAccess', data: { subject, role: 'panel' } },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { subject, role: 'panel' };
    },
  },
  {
    field: 'registerPartnership',
    inputType: 'PartnershipInput',
    caller: ADMIN,
    setup: async () => ({
      partnershipId: partnershipId(),
      name: 'Hostile Partnership',
      localAuthorityCodes: ['E08000033'],
    }),
  },
  {
    field: 'changePartnership',
    inputType: 'PartnershipInput',
    caller: ADMIN,
    setup: async (lc) => {
      const id = partnershipId();
      await lc.commands.execute(
        {
          type: 'RegisterPartnership',
          data: { partnershipId: id, name: 'Before', localAuthorityCodes: ['E08000034'] },
        },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { partnershipId: id, name: 'After', localAuthorityCodes: ['E08000034'] };
    },
  },
  {
    field: 'addPartnershipContact',
    inputType: 'PartnershipContactInput',
    caller: ADMIN,
    setup: async (lc) => {
      const id = partnershipId();
      await lc.commands.execute(
        {
          type: 'RegisterPartnership',
          data: { partnershipId: id, name: 'Contacts', localAuthorityCodes: ['E08000034'] },
        },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return {
        partnershipId: id,
        contactId: 'business-unit',
        kind: 'shared-mailbox',
        email: 'unit@hostile.example',
        name: 'Business unit',
      };
    },
  },
  {
    field: 'removePartnershipContact',
    inputType: 'PartnershipContactRefInput',
    caller: ADMIN,
    setup: async (lc) => ({ partnershipId: await withContact(lc), contactId: 'business-unit' }),
  },
  {
    field: 'setEmailPreferences',
    inputType: 'EmailPreferencesInput',
    caller: ADMIN,
    setup: async (lc) => ({
      partnershipId: await withContact(lc),
      contactId: 'business-unit',
      receives: ['deadline-reminders', 'weekly-digest'],
    }),
  },
  // A complete reporting year (the fixture's clock is in March 2026); once closed or published, a repeat is refused.
  {
    field: 'closeStatisticsPeriod',
    inputType: 'StatisticsReleaseInput',
    caller: PANEL,
    setup: async () => ({ reportingYear: 2024 }),
  },
  {
    field: 'publishStatisticsRelease',
    inputType: 'StatisticsReleaseInput',
    caller: PANEL,
    setup: async (lc) => {
      await lc.commands
        .execute(
          { type: 'CloseStatisticsPeriod', data: { reportingYear: 2025 } },
          { actor: { userId: 'panel-1', role: 'panel' } },
        )
        .catch(() => undefined);
      return { reportingYear: 2025 };
    },
  },
  {
    // The three erasure mutations name the three kinds of subject between them: a referral, a review, an incident.
    field: 'requestErasure',
    inputType: 'RequestErasureInput',
    caller: ADMIN,
    setup: async (lc) => {
      const { referralId } = await referralSetup(lc).submitted();
      await lc.commands.execute(
        { type: 'DecideReferral', data: { referralId, outcome: 'no-further-action', reasons: 'Below threshold.' } },
        { actor: { userId: 'leeds-user', role: 'partnership', partnershipId: 'leeds' } },
      );
      return { referralId, legalBasis: 'court-order' };
    },
  },
  {
    field: 'approveErasure',
    inputType: 'ApproveErasureInput',
    caller: ADMIN,
    setup: async (lc) => {
      const { reviewId } = await referralSetup(lc).learningReview();
      await lc.commands.execute(
        { type: 'RequestErasure', data: { reviewId, legalBasis: 'court-order' } },
        { actor: { userId: 'admin-1', role: 'admin' } },
      );
      return { reviewId, legalBasis: 'court-order' };
    },
  },
  {
    field: 'erasePersonalData',
    inputType: 'ApproveErasureInput',
    caller: ADMIN,
    setup: async (lc) => ({ incidentId: await requested(lc) }),
  },
  {
    field: 'cancelErasureRequest',
    inputType: 'CancelErasureRequestInput',
    caller: ADMIN,
    setup: async (lc) => ({ incidentId: await requested(lc) }),
  },
  {
    field: 'submitReferral',
    inputType: 'SubmitReferralInput',
    caller: AGENCY,
    setup: async () => ({
      localAuthorityCode: 'E08000035',
      agency: 'POLICE',
      nature: 'SERIOUS_HARM',
      incidentOn: '2026-03-02',
      becameAwareOn: '2026-03-03',
      criteriaView: 'MET',
      dslConsulted: true,
      children: [child],
      referrer: { name: 'PC', role: 'Constable', email: 'pc@police.example' },
      whatHappened: 'W',
      agencyReasons: 'R',
      location: 'L',
    }),
  },
  {
    field: 'decideReferral',
    inputType: 'DecideReferralInput',
    caller: OWN,
    setup: async (lc) => ({
      referralId: (await referralSetup(lc).submitted()).referralId,
      outcome: 'NO_FURTHER_ACTION',
      reasons: 'Below threshold.',
    }),
  },
  {
    field: 'withdrawReferral',
    inputType: 'WithdrawReferralInput',
    caller: AGENCY,
    setup: async (lc) => ({ referralId: (await referralSetup(lc).submitted()).referralId, reason: 'Sent in error.' }),
  },
  {
    field: 'commissionNonStatutoryReview',
    inputType: 'CommissionNonStatutoryReviewInput',
    caller: OWN,
    setup: async (lc) => ({
      kind: 'PARTNERSHIP_REVIEW',
      title: 'Partnership review P',
      incidentIds: [(await lc.notified()).incidentId],
    }),
  },
  {
    field: 'commissionThematicReview',
    inputType: 'CommissionThematicReviewInput',
    caller: OWN,
    setup: async (lc) => ({
      title: 'Thematic review',
      theme: 'online safety',
      incidentIds: [(await lc.notified()).incidentId, (await lc.notified()).incidentId],
    }),
  },
  {
    field: 'nameConcernedPartnerships',
    inputType: 'NameConcernedPartnershipsInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await referralSetup(lc).learningReview()).reviewId,
      partnershipIds: ['bradford'],
    }),
  },
  {
    field: 'recordLearning',
    inputType: 'RecordLearningInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await referralSetup(lc).learningReview()).reviewId,
      items: [{ kind: 'BRIEFING', title: 'Briefing' }],
      themes: ['neglect'],
    }),
  },
  {
    field: 'addRecommendation',
    inputType: 'AddRecommendationInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await referralSetup(lc).learningReview()).reviewId,
      recommendationId: 'rec-9',
      text: 'T',
      assignedAgency: 'health',
    }),
  },
  {
    field: 'recordActionForRecommendation',
    inputType: 'RecordActionForRecommendationInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await referralSetup(lc).withRecommendation()).reviewId,
      actionId: 'act-9',
      recommendationId: 'rec-1',
      description: 'D',
      owner: 'O',
      dueOn: '2026-05-01',
    }),
  },
  {
    field: 'updateActionStatus',
    inputType: 'UpdateActionStatusInput',
    caller: OWN,
    setup: async (lc) => ({
      reviewId: (await referralSetup(lc).withAction()).reviewId,
      actionId: 'act-1',
      recommendationId: 'rec-1',
      status: 'IN_PROGRESS',
    }),
  },
];
