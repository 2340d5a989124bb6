/**
 * Who may issue which command, generated from the one policy table (access-policy.ts): every command against every
 * kind of actor, each case naming the operation it is and the record it acts on. Where the table allows the actor,
 * the decider must decide events; elsewhere it must refuse with `forbidden`. The decider and the table cannot drift.
 * (The public has no token and so no actor: the gateway refuses it before any command is built.)
 */
import { describe, expect, it } from 'vitest';
import { mayPerform, type Operation, type RecordFacts } from './access-policy';
import { deciderSpec } from './decider-spec';
import type { Decider } from './event';
import type { CommandContext } from './types';
import { incidentDecider } from '../incident/incident-decide';
import type { IncidentEvent } from '../incident/incident-events';
import type { IncidentState } from '../incident/incident';
import { reviewDecider } from '../review/review-decide';
import type { ReviewEvent } from '../review/review-events';
import type { PublishReport } from '../review/review-commands';
import { partnershipDecider } from '../partnership/partnership-decide';
import { referralDecider } from '../referral/referral-decide';
import {
  REFERRAL_ID,
  decideCommand,
  extendedContext,
  submitCommand,
  submittedEvent,
} from '../referral/referral-test-fixtures';
import {
  LR,
  alternativeReferral,
  incidentState,
  localReviewCommissioned,
  nationalThematic,
  nonStatutoryCommissioned,
} from '../review/review-test-fixtures';
import {
  INCIDENT_ID,
  NOW,
  TODAY,
  notifiedEvent,
  notifyCommand,
  panelRespondedEvent,
  partnershipContext,
  rapidReviewCommand,
  rapidReviewEvent,
  roleContext,
} from '../incident/incident-test-fixtures';

type ActorKind =
  'own partnership' | 'other partnership' | 'panel' | 'ofsted' | 'admin' | 'referrer' | 'other agency user' | 'dfe';
const ACTORS: Record<ActorKind, CommandContext> = {
  'own partnership': partnershipContext('leeds'),
  'other partnership': partnershipContext('york'),
  panel: roleContext('panel'),
  ofsted: roleContext('ofsted'),
  admin: roleContext('admin', 'admin-2'),
  referrer: extendedContext('agency', 'leeds', 'officer-1'),
  'other agency user': extendedContext('agency', 'york', 'officer-9'),
  dfe: extendedContext('dfe'),
};

type AnyDecider = Decider<unknown, unknown, unknown>;
type Case = {
  name: string;
  operation: Operation;
  record?: RecordFacts;
  decider: AnyDecider;
  given: unknown[];
  command: (context: CommandContext) => unknown;
};
const LEEDS: RecordFacts = { owner: 'leeds' };
const PANEL_OWNED: RecordFacts = { owner: 'panel' };
const on = (decider: unknown) => decider as AnyDecider;

const CHECKSUM = 'b'.repeat(64);
const localReview: ReviewEvent = {
  type: 'LocalReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: 'r',
    partnershipId: 'leeds',
    incidentIds: [INCIDENT_ID],
    commissionedAt: NOW,
    commissionedOn: '2025-01-06',
    guidanceEdition: 'working-together-2023',
  },
  personal: { caseName: 'Child M' },
};
const nationalReview: ReviewEvent = {
  type: 'NationalReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: 'r',
    incidentIds: [INCIDENT_ID],
    partnershipIds: ['leeds'],
    commissionedAt: NOW,
    commissionedOn: '2025-01-06',
    guidanceEdition: 'panel-guidance-2025',
    thematic: false,
  },
  personal: { title: 'Theme' },
};
const appointed: ReviewEvent = {
  type: 'ReviewerAppointed',
  schemaVersion: 1,
  data: { reviewId: 'r', appointedOn: '2025-01-10' },
  personal: { reviewerName: 'Dr R' },
};
const reported: ReviewEvent = {
  type: 'FinalReportSubmitted',
  schemaVersion: 1,
  data: { reviewId: 'r', submittedAt: NOW, submittedOn: '2026-02-02', recipients: ['panel'] },
};
const publishData: PublishReport['data'] = {
  reviewId: 'r',
  publishedOn: TODAY,
  publication: 'full-report',
  documents: [{ kind: 'overview-report', title: 'Report', address: 'https://x.example/r.pdf', checksum: CHECKSUM }],
  summary: 'S',
  learningThemes: [],
  recommendations: [],
  keywords: [],
  reviewModel: 'lcspr',
};
const published: ReviewEvent = {
  type: 'ReportPublished',
  schemaVersion: 1,
  data: {
    reviewId: publishData.reviewId,
    publishedOn: TODAY,
    publication: 'full-report',
    documents: publishData.documents.map(({ kind, address, checksum }) => ({ kind, address, checksum })),
    reviewModel: 'lcspr',
  },
  personal: {
    caseName: 'Child M',
    summary: 'S',
    learningThemes: [],
    recommendations: [],
    keywords: [],
    documentTitles: publishData.documents.map((d) => d.title),
  },
};
const erasureRequested: IncidentEvent = {
  type: 'ErasureRequested',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, requestedBy: 'admin-1', legalBasis: 'court-order', requestedAt: NOW },
};
const incidentStateFor = (...events: IncidentEvent[]): IncidentState =>
  deciderSpec(incidentDecider).given(events).state();
const recommended: ReviewEvent = {
  type: 'RecommendationMade',
  schemaVersion: 1,
  data: { reviewId: LR, recommendationId: 'rec-1', assignedAgency: 'health', madeOn: TODAY },
  personal: { text: 'T' },
};
const assigned: ReviewEvent = {
  type: 'ActionAssigned',
  schemaVersion: 1,
  data: {
    reviewId: LR,
    actionId: 'a-1',
    recommendationId: 'rec-1',
    owner: 'O',
    dueOn: '2026-05-01',
    status: 'not-started',
    assignedOn: TODAY,
  },
  personal: { description: 'D' },
};
const thematicReference = {
  incidents: { 'i-1': incidentState('i-1', 'leeds'), 'i-2': incidentState('i-2', 'leeds') },
  reviews: {},
};

const reviewSteps = (kind: 'local' | 'national', start: ReviewEvent, record: RecordFacts): Case[] => [
  {
    name: `AppointReviewer (${kind})`,
    operation: 'appointReviewer',
    record,
    decider: on(reviewDecider),
    given: [start],
    command: (context) => ({ type: 'AppointReviewer', data: { reviewId: 'r', reviewerName: 'Dr R' }, context }),
  },
  {
    name: `DelayPublication (${kind})`,
    operation: 'delayPublication',
    record,
    decider: on(reviewDecider),
    given: [start],
    command: (context) => ({
      type: 'DelayPublication',
      data: { reviewId: 'r', reason: 'inquest', panelInformed: true, explanation: 'E' },
      context,
    }),
  },
  {
    name: `SubmitFinalReport (${kind})`,
    operation: 'submitFinalReport',
    record,
    decider: on(reviewDecider),
    given: [start, appointed],
    command: (context) => ({ type: 'SubmitFinalReport', data: { reviewId: 'r', recipients: ['panel'] }, context }),
  },
  {
    name: `PublishReport (${kind})`,
    operation: 'publishReport',
    record,
    decider: on(reviewDecider),
    given: [start, appointed, reported],
    command: (context) => ({
      type: 'PublishReport',
      data: publishData,
      context,
      reference: { workingDaysSinceFinalReport: 20 },
    }),
  },
  {
    name: `RecordActionPlanProgress (${kind})`,
    operation: 'recordActionPlanProgress',
    record,
    decider: on(reviewDecider),
    given: [start, appointed, reported, published],
    command: (context) => ({
      type: 'RecordActionPlanProgress',
      data: { reviewId: 'r', actions: [{ actionRef: 'A', description: 'D', owner: 'O', status: 'completed' }] },
      context,
    }),
  },
  {
    name: `CloseReview (${kind})`,
    operation: 'closeReview',
    record,
    decider: on(reviewDecider),
    given: [start],
    command: (context) => ({ type: 'CloseReview', data: { reviewId: 'r', reason: 'withdrawn' }, context }),
  },
];

const cases: Case[] = [
  {
    name: 'NotifyIncident',
    operation: 'notifyIncident',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [],
    command: (context) => notifyCommand({}, context),
  },
  {
    name: 'AmendNotification',
    operation: 'amendNotification',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent()],
    command: (context) => ({
      type: 'AmendNotification',
      data: { incidentId: INCIDENT_ID, reason: 'correcting-a-mistake', changes: { caseOutline: 'C' } },
      context,
      reference: { partnershipLocalAuthorities: ['E08000035'] },
    }),
  },
  {
    name: 'WithdrawNotification',
    operation: 'withdrawNotification',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent()],
    command: (context) => ({
      type: 'WithdrawNotification',
      data: { incidentId: INCIDENT_ID, reason: 'notified-in-error', explanation: 'E' },
      context,
    }),
  },
  {
    name: 'SubmitRapidReview',
    operation: 'submitRapidReview',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent()],
    command: (context) => rapidReviewCommand({}, context),
  },
  {
    name: 'RespondToRapidReview',
    operation: 'respondToRapidReview',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent(), rapidReviewEvent(1)],
    command: (context) => ({
      type: 'RespondToRapidReview',
      data: { incidentId: INCIDENT_ID, outcome: 'agreed', comments: '' },
      context,
    }),
  },
  {
    name: 'RequestErasure',
    operation: 'requestErasure',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent()],
    command: (context) => ({
      type: 'RequestErasure',
      data: { incidentId: INCIDENT_ID, legalBasis: 'court-order' },
      context,
      reference: { adminUserIds: ['admin-1', 'admin-2'] },
    }),
  },
  {
    name: 'ApproveErasure',
    operation: 'approveErasure',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent(), erasureRequested],
    command: (context) => ({
      type: 'ApproveErasure',
      data: { incidentId: INCIDENT_ID },
      context,
      reference: { adminUserIds: ['admin-1', 'admin-2'] },
    }),
  },
  {
    name: 'CancelErasureRequest',
    operation: 'cancelErasureRequest',
    record: LEEDS,
    decider: on(incidentDecider),
    given: [notifiedEvent(), erasureRequested],
    command: (context) => ({
      type: 'CancelErasureRequest',
      data: { incidentId: INCIDENT_ID },
      context,
      reference: { adminUserIds: ['admin-1', 'admin-2'] },
    }),
  },
  {
    name: 'CommissionLocalReview',
    operation: 'commissionLocalReview',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [],
    command: (context) => ({
      type: 'CommissionLocalReview',
      data: { reviewId: 'r', partnershipId: 'leeds', incidentIds: [INCIDENT_ID], caseName: 'Child M' },
      context,
      reference: { incidents: { [INCIDENT_ID]: incidentStateFor(notifiedEvent(), rapidReviewEvent(1)) } },
    }),
  },
  {
    name: 'CommissionNationalReview',
    operation: 'commissionNationalReview',
    decider: on(reviewDecider),
    given: [],
    command: (context) => ({
      type: 'CommissionNationalReview',
      data: { reviewId: 'r', incidentIds: [INCIDENT_ID], title: 'T', thematic: false },
      context,
      reference: {
        incidents: {
          [INCIDENT_ID]: incidentStateFor(notifiedEvent(), rapidReviewEvent(1), panelRespondedEvent('national-review')),
        },
      },
    }),
  },
  ...reviewSteps('local', localReview, LEEDS),
  ...reviewSteps('national', nationalReview, PANEL_OWNED),
  {
    name: 'RegisterPartnership',
    operation: 'registerPartnership',
    decider: on(partnershipDecider),
    given: [],
    command: (context) => ({
      type: 'RegisterPartnership',
      data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] },
      context,
    }),
  },
  {
    name: 'ChangePartnership',
    operation: 'changePartnership',
    decider: on(partnershipDecider),
    given: [
      {
        type: 'PartnershipRegistered',
        schemaVersion: 1,
        data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] },
      },
    ],
    command: (context) => ({
      type: 'ChangePartnership',
      data: { partnershipId: 'leeds', name: 'Leeds SCP', localAuthorityCodes: ['E08000035'] },
      context,
    }),
  },
  {
    name: 'SubmitReferral',
    operation: 'submitReferral',
    record: LEEDS,
    decider: on(referralDecider),
    given: [],
    command: (context) => submitCommand({}, context),
  },
  {
    name: 'DecideReferral',
    operation: 'decideReferral',
    record: LEEDS,
    decider: on(referralDecider),
    given: [submittedEvent()],
    command: (context) => decideCommand({}, context),
  },
  {
    name: 'WithdrawReferral',
    operation: 'withdrawReferral',
    record: { owner: 'leeds', referredBy: 'officer-1' },
    decider: on(referralDecider),
    given: [submittedEvent()],
    command: (context) => ({ type: 'WithdrawReferral', data: { referralId: REFERRAL_ID, reason: 'R' }, context }),
  },
  {
    name: 'CommissionNonStatutoryReview',
    operation: 'commissionNonStatutoryReview',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [],
    command: (context) => ({
      type: 'CommissionNonStatutoryReview',
      data: {
        reviewId: LR,
        partnershipId: 'leeds',
        kind: 'partnership-review',
        referralIds: [REFERRAL_ID],
        incidentIds: [],
        title: 'T',
      },
      context,
      reference: { referrals: { [REFERRAL_ID]: alternativeReferral() }, incidents: {} },
    }),
  },
  {
    name: 'CommissionThematicReview (local)',
    operation: 'commissionThematicReview',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [],
    command: (context) => ({
      type: 'CommissionThematicReview',
      data: {
        reviewId: 't',
        partnershipId: 'leeds',
        title: 'T',
        theme: 'Th',
        incidentIds: ['i-1', 'i-2'],
        reviewIds: [],
      },
      context,
      reference: thematicReference,
    }),
  },
  {
    name: 'CommissionThematicReview (national)',
    operation: 'commissionThematicReview',
    record: PANEL_OWNED,
    decider: on(reviewDecider),
    given: [],
    command: (context) => ({
      type: 'CommissionThematicReview',
      data: {
        reviewId: 't',
        partnershipId: 'national',
        title: 'T',
        theme: 'Th',
        incidentIds: ['i-1', 'i-2'],
        reviewIds: [],
      },
      context,
      reference: thematicReference,
    }),
  },
  {
    name: 'NameConcernedPartnerships (local)',
    operation: 'nameConcernedPartnerships',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [localReviewCommissioned],
    command: (context) => ({
      type: 'NameConcernedPartnerships',
      data: { reviewId: 'local-1', partnershipIds: ['harrow'] },
      context,
      reference: { knownPartnershipIds: ['harrow'] },
    }),
  },
  {
    name: 'NameConcernedPartnerships (national thematic)',
    operation: 'nameConcernedPartnerships',
    record: PANEL_OWNED,
    decider: on(reviewDecider),
    given: [nationalThematic],
    command: (context) => ({
      type: 'NameConcernedPartnerships',
      data: { reviewId: 'thematic-n', partnershipIds: ['harrow'] },
      context,
      reference: { knownPartnershipIds: ['harrow'] },
    }),
  },
  {
    name: 'AppointReviewer (non-statutory)',
    operation: 'appointReviewer',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [nonStatutoryCommissioned],
    command: (context) => ({ type: 'AppointReviewer', data: { reviewId: LR, reviewerName: 'R' }, context }),
  },
  {
    name: 'RecordLearning',
    operation: 'recordLearning',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [nonStatutoryCommissioned],
    command: (context) => ({ type: 'RecordLearning', data: { reviewId: LR, items: [], themes: ['neglect'] }, context }),
  },
  {
    name: 'AddRecommendation',
    operation: 'addRecommendation',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [nonStatutoryCommissioned],
    command: (context) => ({
      type: 'AddRecommendation',
      data: { reviewId: LR, recommendationId: 'rec-1', text: 'T', assignedAgency: 'health' },
      context,
    }),
  },
  {
    name: 'RecordActionForRecommendation',
    operation: 'recordActionForRecommendation',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [nonStatutoryCommissioned, recommended],
    command: (context) => ({
      type: 'RecordActionForRecommendation',
      data: {
        reviewId: LR,
        actionId: 'a-1',
        recommendationId: 'rec-1',
        description: 'D',
        owner: 'O',
        dueOn: '2026-05-01',
      },
      context,
    }),
  },
  {
    name: 'UpdateActionStatus',
    operation: 'updateActionStatus',
    record: LEEDS,
    decider: on(reviewDecider),
    given: [nonStatutoryCommissioned, recommended, assigned],
    command: (context) => ({
      type: 'UpdateActionStatus',
      data: { reviewId: LR, actionId: 'a-1', recommendationId: 'rec-1', status: 'completed' },
      context,
    }),
  },
  {
    name: 'AddRecommendation (national thematic)',
    operation: 'addRecommendation',
    record: PANEL_OWNED,
    decider: on(reviewDecider),
    given: [nationalThematic],
    command: (context) => ({
      type: 'AddRecommendation',
      data: { reviewId: 'thematic-n', recommendationId: 'rec-1', text: 'T', assignedAgency: 'health' },
      context,
    }),
  },
];

/** Commands no client sends (the handler issues them while commissioning): their rule is the decider's alone. */
const internal: (Omit<Case, 'operation'> & { allowed: ActorKind[] })[] = [
  {
    name: 'LinkIncidentToReview (local)',
    decider: on(incidentDecider),
    given: [notifiedEvent()],
    command: (context) => ({
      type: 'LinkIncidentToReview',
      data: { incidentId: INCIDENT_ID, reviewId: 'r', reviewKind: 'local' },
      context,
    }),
    allowed: ['own partnership', 'admin'],
  },
  {
    name: 'LinkIncidentToReview (national)',
    decider: on(incidentDecider),
    given: [notifiedEvent()],
    command: (context) => ({
      type: 'LinkIncidentToReview',
      data: { incidentId: INCIDENT_ID, reviewId: 'r', reviewKind: 'national' },
      context,
    }),
    allowed: ['panel', 'admin'],
  },
];

const judge = (
  c: { decider: AnyDecider; given: unknown[]; command: (context: CommandContext) => unknown },
  actor: ActorKind,
  allowed: boolean,
) => {
  const when = deciderSpec(c.decider).given(c.given).when(c.command(ACTORS[actor]));
  if (allowed) expect(when.events().length).toBeGreaterThan(0);
  else when.thenThrows({ code: 'forbidden' });
};

describe('authorization matrix (generated from ACCESS_POLICY)', () => {
  const kinds = Object.keys(ACTORS) as ActorKind[];
  it.each(cases.flatMap((c) => kinds.map((actor) => [c.name, actor, c] as const)))('%s by %s', (_name, actor, c) => {
    judge(c, actor, mayPerform(ACTORS[actor].actor, c.operation, c.record));
  });
  it.each(internal.flatMap((c) => kinds.map((actor) => [c.name, actor, c] as const)))(
    '%s (internal) by %s',
    (_name, actor, c) => {
      judge(c, actor, c.allowed.includes(actor));
    },
  );

  it('Ofsted and DfE are allowed no command', () => {
    expect(
      cases.filter(
        (c) =>
          mayPerform(ACTORS.ofsted.actor, c.operation, c.record) || mayPerform(ACTORS.dfe.actor, c.operation, c.record),
      ),
    ).toEqual([]);
  });
});
