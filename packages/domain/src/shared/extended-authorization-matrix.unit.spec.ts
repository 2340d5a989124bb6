/**
 * Who may issue each command of issue 9, as one matrix over every kind of actor, the extended roles included
 * (agency referrer, DfE). Anyone not allowed gets `forbidden`; DfE and Ofsted never write.
 */
import { describe, expect, it } from 'vitest';
import { deciderSpec } from './decider-spec';
import type { Decider } from './event';
import type { ExtendedCommandContext } from './types';
import { referralDecider } from '../referral/referral-decide';
import { REFERRAL_ID, decideCommand, extendedContext, submitCommand, submittedEvent } from '../referral/referral-test-fixtures';
import { reviewDecider } from '../review/review-decide';
import type { ReviewEvent } from '../review/review-events';
import {
  LR, alternativeReferral, incidentState, localReviewCommissioned, nationalThematic, nonStatutoryCommissioned,
} from '../review/review-test-fixtures';
import { TODAY } from '../incident/incident-test-fixtures';

type ActorKind = 'referrer' | 'other agency user' | 'own partnership' | 'other partnership' | 'panel' | 'ofsted' | 'admin' | 'dfe';
const ACTORS: Record<ActorKind, ExtendedCommandContext> = {
  referrer: extendedContext('agency', 'leeds', 'officer-1'),
  'other agency user': extendedContext('agency', 'york', 'officer-9'),
  'own partnership': extendedContext('partnership', 'leeds', 'user-leeds'),
  'other partnership': extendedContext('partnership', 'york', 'user-york'),
  panel: extendedContext('panel', undefined, 'user-panel'),
  ofsted: extendedContext('ofsted'),
  admin: extendedContext('admin'),
  dfe: extendedContext('dfe'),
};

type Case = { name: string; decider: Decider<unknown, unknown, unknown>; given: unknown[]; command: (context: ExtendedCommandContext) => unknown; allowed: ActorKind[] };
const referralCase = (name: string, given: unknown[], command: Case['command'], allowed: ActorKind[]): Case =>
  ({ name, decider: referralDecider as unknown as Case['decider'], given, command, allowed });
const reviewCase = (name: string, given: ReviewEvent[], command: Case['command'], allowed: ActorKind[]): Case =>
  ({ name, decider: reviewDecider as unknown as Case['decider'], given, command, allowed });

const recommended: ReviewEvent = { type: 'RecommendationMade', schemaVersion: 1, data: { reviewId: LR, recommendationId: 'rec-1', text: 'T', assignedAgency: 'health', madeOn: TODAY } };
const assigned: ReviewEvent = { type: 'ActionAssigned', schemaVersion: 1, data: { reviewId: LR, actionId: 'a-1', recommendationId: 'rec-1', description: 'D', owner: 'O', dueOn: '2026-05-01', status: 'not-started', assignedOn: TODAY } };
const thematicReference = { incidents: { 'i-1': incidentState('i-1', 'leeds'), 'i-2': incidentState('i-2', 'leeds') }, reviews: {} };

const cases: Case[] = [
  referralCase('SubmitReferral', [], (context) => submitCommand({}, context), ['referrer']),
  referralCase('DecideReferral', [submittedEvent()], (context) => decideCommand({}, context), ['own partnership']),
  referralCase('WithdrawReferral', [submittedEvent()], (context) => ({ type: 'WithdrawReferral', data: { referralId: REFERRAL_ID, reason: 'R' }, context }), ['referrer']),
  reviewCase('CommissionNonStatutoryReview', [], (context) => ({ type: 'CommissionNonStatutoryReview', data: { reviewId: LR, partnershipId: 'leeds', kind: 'partnership-review', referralIds: [REFERRAL_ID], incidentIds: [], title: 'T' }, context, reference: { referrals: { [REFERRAL_ID]: alternativeReferral() }, incidents: {} } }), ['own partnership']),
  reviewCase('CommissionThematicReview (local)', [], (context) => ({ type: 'CommissionThematicReview', data: { reviewId: 't', partnershipId: 'leeds', title: 'T', theme: 'Th', incidentIds: ['i-1', 'i-2'], reviewIds: [] }, context, reference: thematicReference }), ['own partnership']),
  reviewCase('CommissionThematicReview (national)', [], (context) => ({ type: 'CommissionThematicReview', data: { reviewId: 't', partnershipId: 'national', title: 'T', theme: 'Th', incidentIds: ['i-1', 'i-2'], reviewIds: [] }, context, reference: thematicReference }), ['panel']),
  reviewCase('NameConcernedPartnerships (local)', [localReviewCommissioned], (context) => ({ type: 'NameConcernedPartnerships', data: { reviewId: 'local-1', partnershipIds: ['harrow'] }, context, reference: { knownPartnershipIds: ['harrow'] } }), ['own partnership']),
  reviewCase('NameConcernedPartnerships (national thematic)', [nationalThematic], (context) => ({ type: 'NameConcernedPartnerships', data: { reviewId: 'thematic-n', partnershipIds: ['harrow'] }, context, reference: { knownPartnershipIds: ['harrow'] } }), ['panel']),
  reviewCase('AppointReviewer (non-statutory)', [nonStatutoryCommissioned], (context) => ({ type: 'AppointReviewer', data: { reviewId: LR, reviewerName: 'R' }, context }), ['own partnership']),
  reviewCase('RecordLearning', [nonStatutoryCommissioned], (context) => ({ type: 'RecordLearning', data: { reviewId: LR, items: [], themes: ['neglect'] }, context }), ['own partnership']),
  reviewCase('AddRecommendation', [nonStatutoryCommissioned], (context) => ({ type: 'AddRecommendation', data: { reviewId: LR, recommendationId: 'rec-1', text: 'T', assignedAgency: 'health' }, context }), ['own partnership']),
  reviewCase('RecordActionForRecommendation', [nonStatutoryCommissioned, recommended], (context) => ({ type: 'RecordActionForRecommendation', data: { reviewId: LR, actionId: 'a-1', recommendationId: 'rec-1', description: 'D', owner: 'O', dueOn: '2026-05-01' }, context }), ['own partnership']),
  reviewCase('UpdateActionStatus', [nonStatutoryCommissioned, recommended, assigned], (context) => ({ type: 'UpdateActionStatus', data: { reviewId: LR, actionId: 'a-1', recommendationId: 'rec-1', status: 'completed' }, context }), ['own partnership']),
  reviewCase('AddRecommendation (national thematic)', [nationalThematic], (context) => ({ type: 'AddRecommendation', data: { reviewId: 'thematic-n', recommendationId: 'rec-1', text: 'T', assignedAgency: 'health' }, context }), ['panel']),
];

describe('extended authorization matrix', () => {
  const rows = cases.flatMap((c) => (Object.keys(ACTORS) as ActorKind[]).map((actor) => [c.name, actor, c] as const));
  it.each(rows)('%s by %s', (_name, actor, c) => {
    const when = deciderSpec(c.decider).given(c.given).when(c.command(ACTORS[actor]));
    if (c.allowed.includes(actor)) expect(when.events().length).toBeGreaterThan(0);
    else when.thenThrows({ code: 'forbidden' });
  });

  it('DfE, Ofsted and admins write nothing here', () => {
    expect(cases.filter((c) => c.allowed.some((a) => a === 'dfe' || a === 'ofsted' || a === 'admin'))).toEqual([]);
  });
});
