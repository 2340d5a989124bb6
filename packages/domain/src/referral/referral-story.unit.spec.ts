/**
 * The two journeys of issue 9 through the pure deciders, driven the way the command handler will drive them:
 * 1. a police referral → the sub-group decides to notify → the notification starts from the referral's facts, and its
 *    5-working-day clock runs from the day the agency became aware (before Easter), not from the decision;
 * 2. a referral → the sub-group chooses a multi-agency learning review → recommendations and an action that falls overdue.
 */
import { describe, expect, it } from 'vitest';
import { referralDecider } from './referral-decide';
import type { ReferralCommand } from './referral-commands';
import type { ReferralDecided, ReferralEvent, ReferralSubmitted } from './referral-events';
import { notificationAnchorFromReferral, notificationFromReferral } from './referral-notification';
import { submitCommand } from './referral-test-fixtures';
import { incidentDecider } from '../incident/incident-decide';
import type { IncidentNotified } from '../incident/incident-events';
import { reviewDecider } from '../review/review-decide';
import type { ReviewCommand } from '../review/review-commands';
import type { ReviewEvent } from '../review/review-events';
import { overdueActions } from '../review/overdue';
import { computeDeadlines } from '../calendar/deadlines';
import { createEnglandAndWalesCalendar } from '../calendar/working-day-calendar';
import { CHILD_NAME } from '../incident/incident-test-fixtures';
import type { CommandContext, Role } from '../shared/types';

const on = (today: string, role: Role, userId: string, partnershipId?: string): CommandContext => ({
  actor: { userId, role, ...(partnershipId ? { partnershipId } : {}) },
  today,
  now: `${today}T10:00:00Z`,
});
const officer = (today: string) => on(today, 'agency', 'officer-1', 'leeds');
const subGroup = (today: string) => on(today, 'partnership', 'user-leeds', 'leeds');
const calendar = createEnglandAndWalesCalendar();

const referralStream = () => {
  const events: ReferralEvent[] = [];
  const state = () => events.reduce(referralDecider.evolve, referralDecider.initialState());
  return { events, state, run: (command: ReferralCommand) => events.push(...referralDecider.decide(command, state())) };
};

describe('a police referral the sub-group decides to notify', () => {
  it("becomes a notification linked to it, whose clock runs from the referral's awareness date", () => {
    const referral = referralStream();
    // Aware on Wednesday 1 April 2026; Good Friday (3rd) and Easter Monday (6th) are bank holidays.
    referral.run({
      ...submitCommand({ incidentOn: '2026-03-31', becameAwareOn: '2026-04-01' }, officer('2026-04-02')),
    });
    referral.run({
      type: 'DecideReferral',
      data: { referralId: submitCommand().data.referralId, outcome: 'notify', incidentId: 'incident-77' },
      context: subGroup('2026-04-09'),
    });
    expect(referral.state()).toMatchObject({
      status: 'decided',
      decision: { outcome: 'notify', incidentId: 'incident-77' },
    });

    const anchors = notificationAnchorFromReferral(referral.state());
    expect(anchors).toEqual({ 'became-aware': '2026-04-01' });
    const [notificationDue] = computeDeadlines(anchors, 'panel-guidance-2025', calendar).filter(
      (d) => d.kind === 'notification',
    );
    // 2, 7, 8, 9, 10 April: the fifth working day after awareness. Counting from the decision would give 16 April.
    expect(notificationDue?.dueOn).toBe('2026-04-10');

    const [submitted, decided] = referral.events as [ReferralSubmitted, ReferralDecided];
    const data = notificationFromReferral({
      submitted,
      decided,
      guidanceEdition: 'panel-guidance-2025',
      notifier: { name: 'LA Notifier', role: 'Head of service', email: 'n@leeds.gov.uk' },
    });
    const [notified] = incidentDecider.decide(
      {
        type: 'NotifyIncident',
        data,
        context: subGroup('2026-04-09') as CommandContext,
        reference: { partnershipLocalAuthorities: ['E08000035'] },
      },
      incidentDecider.initialState(),
    ) as [IncidentNotified];
    expect(notified.data).toMatchObject({
      incidentId: 'incident-77',
      referralId: submitted.data.referralId,
      becameAwareOn: '2026-04-01',
      nature: 'serious-harm',
      children: submitted.data.children,
    });
    expect(notified.personal).toMatchObject({
      caseOutline: submitted.personal.whatHappened,
      children: [{ name: CHILD_NAME }],
    });
    const fromIncident = computeDeadlines(
      { 'became-aware': notified.data.becameAwareOn },
      notified.data.guidanceEdition,
      calendar,
    ).find((d) => d.kind === 'notification');
    expect(fromIncident?.dueOn).toBe(notificationDue?.dueOn);
  });

  it('no notification follows from a referral not decided as notify', () => {
    const referral = referralStream();
    referral.run(submitCommand({}, officer('2026-03-10')));
    expect(() => notificationAnchorFromReferral(referralDecider.initialState())).toThrow(/no referral/);
    referral.run({
      type: 'DecideReferral',
      data: { referralId: submitCommand().data.referralId, outcome: 'no-further-action', reasons: 'Below threshold.' },
      context: subGroup('2026-03-10'),
    });
    const [submitted, decided] = referral.events as [ReferralSubmitted, ReferralDecided];
    expect(() =>
      notificationFromReferral({
        submitted,
        decided,
        guidanceEdition: 'panel-guidance-2025',
        notifier: { name: 'N', role: 'R', email: 'n@x.uk' },
      }),
    ).toThrow(/not decided as notify/);
  });
});

describe('a referral that becomes a learning review', () => {
  it('ends in recommendations whose late action is flagged overdue', () => {
    const referral = referralStream();
    referral.run(submitCommand({ agency: 'education' }, officer('2026-03-10')));
    referral.run({
      type: 'DecideReferral',
      data: {
        referralId: submitCommand().data.referralId,
        outcome: 'alternative-review',
        reviewKind: 'multi-agency-learning-review',
        reviewId: 'lr-1',
        reasons: 'Criteria not met; learning for schools.',
      },
      context: subGroup('2026-03-12'),
    });
    const decision = referral.state().status === 'none' ? null : referral.state();

    const review: ReviewEvent[] = [];
    const run = (command: ReviewCommand) =>
      review.push(...reviewDecider.decide(command, review.reduce(reviewDecider.evolve, reviewDecider.initialState())));
    const referralId = submitCommand().data.referralId;
    run({
      type: 'CommissionNonStatutoryReview',
      data: {
        reviewId: 'lr-1',
        partnershipId: 'leeds',
        kind: 'multi-agency-learning-review',
        referralIds: [referralId],
        incidentIds: [],
        title: 'Learning from Child S',
      },
      context: subGroup('2026-03-13'),
      reference: { referrals: { [referralId]: referral.state() }, incidents: {} },
    });
    run({
      type: 'AppointReviewer',
      data: { reviewId: 'lr-1', reviewerName: 'Dr Reviewer' },
      context: subGroup('2026-03-20'),
    });
    run({
      type: 'PublishReport',
      data: {
        reviewId: 'lr-1',
        publishedOn: '2026-06-01',
        publication: 'improvements-only',
        documents: [
          {
            kind: 'learning-summary',
            title: 'Learning summary',
            address: 'https://leeds.example/ls.pdf',
            checksum: 'd'.repeat(64),
          },
        ],
        summary: 'S',
        learningThemes: ['school attendance'],
        recommendations: [],
        keywords: [],
        reviewModel: 'systems-learning',
      },
      context: subGroup('2026-06-01'),
    });
    run({
      type: 'RecordLearning',
      data: {
        reviewId: 'lr-1',
        items: [{ kind: 'briefing', title: 'Practitioner briefing' }],
        themes: ['school attendance'],
      },
      context: subGroup('2026-06-02'),
    });
    run({
      type: 'AddRecommendation',
      data: {
        reviewId: 'lr-1',
        recommendationId: 'rec-1',
        text: 'Escalate missed education.',
        assignedAgency: 'education',
      },
      context: subGroup('2026-06-02'),
    });
    run({
      type: 'AddRecommendation',
      data: {
        reviewId: 'lr-1',
        recommendationId: 'rec-2',
        text: 'Share health visitor concerns.',
        assignedAgency: 'health',
      },
      context: subGroup('2026-06-02'),
    });
    run({
      type: 'RecordActionForRecommendation',
      data: {
        reviewId: 'lr-1',
        actionId: 'a-1',
        recommendationId: 'rec-1',
        description: 'Update the attendance protocol',
        owner: 'Education team',
        dueOn: '2026-09-01',
      },
      context: subGroup('2026-06-02'),
    });
    run({
      type: 'RecordActionForRecommendation',
      data: {
        reviewId: 'lr-1',
        actionId: 'a-2',
        recommendationId: 'rec-2',
        description: 'Joint training',
        owner: 'ICB named nurse',
        dueOn: '2026-07-31',
      },
      context: subGroup('2026-06-02'),
    });
    run({
      type: 'UpdateActionStatus',
      data: { reviewId: 'lr-1', actionId: 'a-1', recommendationId: 'rec-1', status: 'completed' },
      context: subGroup('2026-08-20'),
    });

    expect(decision).toMatchObject({ decision: { outcome: 'alternative-review', reviewId: 'lr-1' } });
    expect(review.map((e) => e.type)).toEqual([
      'NonStatutoryReviewCommissioned',
      'ReviewerAppointed',
      'ReportPublished',
      'LearningRecorded',
      'RecommendationMade',
      'RecommendationMade',
      'ActionAssigned',
      'ActionAssigned',
      'ActionProgressed',
    ]);
    const state = review.reduce(reviewDecider.evolve, reviewDecider.initialState());
    expect(state).toMatchObject({
      kind: 'multi-agency-learning-review',
      status: 'published',
      referralIds: [referralId],
    });
    expect(overdueActions(state, '2026-07-31')).toEqual([]);
    expect(overdueActions(state, '2026-08-03').map((a) => [a.actionId, a.owner])).toEqual([['a-2', 'ICB named nurse']]);
  });
});
