/**
 * Who may issue which command, as one matrix over every command and every kind of actor: the owning partnership,
 * another partnership, the Panel, Ofsted and an admin. Anyone not allowed gets `forbidden`; Ofsted never writes.
 * (The public has no token and so no actor: the gateway refuses it before any command is built.)
 */
import { describe, expect, it } from 'vitest';
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
import {
  INCIDENT_ID, NOW, TODAY, notifiedEvent, notifyCommand, panelRespondedEvent, partnershipContext, rapidReviewCommand, rapidReviewEvent, roleContext,
} from '../incident/incident-test-fixtures';

type ActorKind = 'own partnership' | 'other partnership' | 'panel' | 'ofsted' | 'admin';
const ACTORS: Record<ActorKind, CommandContext> = {
  'own partnership': partnershipContext('leeds'),
  'other partnership': partnershipContext('york'),
  panel: roleContext('panel'),
  ofsted: roleContext('ofsted'),
  admin: roleContext('admin', 'admin-2'),
};

type Case = { name: string; decider: Decider<unknown, unknown, unknown>; given: unknown[]; command: (context: CommandContext) => unknown; allowed: ActorKind[] };
const incidentCase = (name: string, given: IncidentEvent[], command: (context: CommandContext) => unknown, allowed: ActorKind[]): Case =>
  ({ name, decider: incidentDecider as unknown as Case['decider'], given, command, allowed });
const reviewCase = (name: string, given: ReviewEvent[], command: (context: CommandContext) => unknown, allowed: ActorKind[]): Case =>
  ({ name, decider: reviewDecider as unknown as Case['decider'], given, command, allowed });

const incidentStateFor = (...events: IncidentEvent[]): IncidentState => deciderSpec(incidentDecider).given(events).state();
const CHECKSUM = 'b'.repeat(64);
const localReview: ReviewEvent = { type: 'LocalReviewCommissioned', schemaVersion: 1, data: { reviewId: 'r', partnershipId: 'leeds', incidentIds: [INCIDENT_ID], commissionedAt: NOW, commissionedOn: '2025-01-06', guidanceEdition: 'working-together-2023', caseName: 'Child M' } };
const nationalReview: ReviewEvent = { type: 'NationalReviewCommissioned', schemaVersion: 1, data: { reviewId: 'r', incidentIds: [INCIDENT_ID], partnershipIds: ['leeds'], commissionedAt: NOW, commissionedOn: '2025-01-06', guidanceEdition: 'panel-guidance-2025', title: 'Theme', thematic: false } };
const appointed: ReviewEvent = { type: 'ReviewerAppointed', schemaVersion: 1, data: { reviewId: 'r', reviewerName: 'Dr R', appointedOn: '2025-01-10' } };
const reported: ReviewEvent = { type: 'FinalReportSubmitted', schemaVersion: 1, data: { reviewId: 'r', submittedAt: NOW, submittedOn: '2026-02-02', recipients: ['panel'] } };
const publishData: PublishReport['data'] = { reviewId: 'r', publishedOn: TODAY, publication: 'full-report', documents: [{ kind: 'overview-report', title: 'Report', address: 'https://x.example/r.pdf', checksum: CHECKSUM }], summary: 'S', learningThemes: [], recommendations: [], keywords: [], reviewModel: 'lcspr' };
const published: ReviewEvent = { type: 'ReportPublished', schemaVersion: 1, data: { ...publishData, caseName: 'Child M' } };

const erasureRequested: IncidentEvent = { type: 'ErasureRequested', schemaVersion: 1, data: { incidentId: INCIDENT_ID, requestedBy: 'admin-1', legalBasis: 'court-order', requestedAt: NOW } };

const reviewCommands = (kind: 'local' | 'national', start: ReviewEvent, allowed: ActorKind[]): Case[] => [
  reviewCase(`AppointReviewer (${kind})`, [start], (context) => ({ type: 'AppointReviewer', data: { reviewId: 'r', reviewerName: 'Dr R' }, context }), allowed),
  reviewCase(`DelayPublication (${kind})`, [start], (context) => ({ type: 'DelayPublication', data: { reviewId: 'r', reason: 'inquest', panelInformed: true, explanation: 'E' }, context }), allowed),
  reviewCase(`SubmitFinalReport (${kind})`, [start, appointed], (context) => ({ type: 'SubmitFinalReport', data: { reviewId: 'r', recipients: ['panel'] }, context }), allowed),
  reviewCase(`PublishReport (${kind})`, [start, appointed, reported], (context) => ({ type: 'PublishReport', data: publishData, context, reference: { workingDaysSinceFinalReport: 20 } }), allowed),
  reviewCase(`RecordActionPlanProgress (${kind})`, [start, appointed, reported, published], (context) => ({ type: 'RecordActionPlanProgress', data: { reviewId: 'r', actions: [{ actionRef: 'A', description: 'D', owner: 'O', status: 'completed' }] }, context }), allowed),
  reviewCase(`CloseReview (${kind})`, [start], (context) => ({ type: 'CloseReview', data: { reviewId: 'r', reason: 'withdrawn' }, context }), allowed),
];

const cases: Case[] = [
  incidentCase('NotifyIncident', [], (context) => notifyCommand({}, context), ['own partnership']),
  incidentCase('AmendNotification', [notifiedEvent()], (context) => ({ type: 'AmendNotification', data: { incidentId: INCIDENT_ID, changes: { caseOutline: 'C' } }, context, reference: { partnershipLocalAuthorities: ['E08000035'] } }), ['own partnership']),
  incidentCase('WithdrawNotification', [notifiedEvent()], (context) => ({ type: 'WithdrawNotification', data: { incidentId: INCIDENT_ID, reason: 'notified-in-error', explanation: 'E' }, context }), ['own partnership']),
  incidentCase('SubmitRapidReview', [notifiedEvent()], (context) => rapidReviewCommand({}, context), ['own partnership']),
  incidentCase('RespondToRapidReview', [notifiedEvent(), rapidReviewEvent(1)], (context) => ({ type: 'RespondToRapidReview', data: { incidentId: INCIDENT_ID, outcome: 'agreed', comments: '' }, context }), ['panel']),
  incidentCase('LinkIncidentToReview (local)', [notifiedEvent()], (context) => ({ type: 'LinkIncidentToReview', data: { incidentId: INCIDENT_ID, reviewId: 'r', reviewKind: 'local' }, context }), ['own partnership', 'admin']),
  incidentCase('LinkIncidentToReview (national)', [notifiedEvent()], (context) => ({ type: 'LinkIncidentToReview', data: { incidentId: INCIDENT_ID, reviewId: 'r', reviewKind: 'national' }, context }), ['panel', 'admin']),
  incidentCase('RequestErasure', [notifiedEvent()], (context) => ({ type: 'RequestErasure', data: { incidentId: INCIDENT_ID, legalBasis: 'court-order' }, context, reference: { adminUserIds: ['admin-1', 'admin-2'] } }), ['admin']),
  incidentCase('ApproveErasure', [notifiedEvent(), erasureRequested], (context) => ({ type: 'ApproveErasure', data: { incidentId: INCIDENT_ID }, context, reference: { adminUserIds: ['admin-1', 'admin-2'] } }), ['admin']),
  incidentCase('CancelErasureRequest', [notifiedEvent(), erasureRequested], (context) => ({ type: 'CancelErasureRequest', data: { incidentId: INCIDENT_ID }, context, reference: { adminUserIds: ['admin-1', 'admin-2'] } }), ['admin']),
  reviewCase('CommissionLocalReview', [], (context) => ({ type: 'CommissionLocalReview', data: { reviewId: 'r', partnershipId: 'leeds', incidentIds: [INCIDENT_ID], caseName: 'Child M' }, context, reference: { incidents: { [INCIDENT_ID]: incidentStateFor(notifiedEvent(), rapidReviewEvent(1)) } } }), ['own partnership']),
  reviewCase('CommissionNationalReview', [], (context) => ({ type: 'CommissionNationalReview', data: { reviewId: 'r', incidentIds: [INCIDENT_ID], title: 'T', thematic: false }, context, reference: { incidents: { [INCIDENT_ID]: incidentStateFor(notifiedEvent(), rapidReviewEvent(1), panelRespondedEvent('national-review')) } } }), ['panel']),
  ...reviewCommands('local', localReview, ['own partnership']),
  ...reviewCommands('national', nationalReview, ['panel']),
  { name: 'RegisterPartnership', decider: partnershipDecider as unknown as Case['decider'], given: [], command: (context) => ({ type: 'RegisterPartnership', data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] }, context }), allowed: ['admin'] },
  { name: 'ChangePartnership', decider: partnershipDecider as unknown as Case['decider'], given: [{ type: 'PartnershipRegistered', schemaVersion: 1, data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] } }], command: (context) => ({ type: 'ChangePartnership', data: { partnershipId: 'leeds', name: 'Leeds SCP', localAuthorityCodes: ['E08000035'] }, context }), allowed: ['admin'] },
];

describe('authorization matrix', () => {
  const rows = cases.flatMap((c) => (Object.keys(ACTORS) as ActorKind[]).map((actor) => [c.name, actor, c] as const));
  it.each(rows)('%s by %s', (_name, actor, c) => {
    const when = deciderSpec(c.decider).given(c.given).when(c.command(ACTORS[actor]));
    if (c.allowed.includes(actor)) expect(when.events().length).toBeGreaterThan(0);
    else when.thenThrows({ code: 'forbidden' });
  });

  it('Ofsted is allowed nothing', () => {
    expect(cases.filter((c) => c.allowed.includes('ofsted'))).toEqual([]);
  });
});
