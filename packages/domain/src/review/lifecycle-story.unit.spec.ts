/**
 * The whole process end to end through the pure deciders, the way the command handler drives them: each step folds
 * its stream, decides, and appends; commissioning reads the incident's state as reference and then links it.
 */
import { describe, expect, it } from 'vitest';
import { reviewDecider } from './review-decide';
import type { ReviewCommand } from './review-commands';
import type { ReviewEvent } from './review-events';
import { incidentDecider } from '../incident/incident-decide';
import type { IncidentCommand } from '../incident/incident-commands';
import type { IncidentEvent } from '../incident/incident-events';
import type { CommandContext } from '../shared/types';
import {
  INCIDENT_ID,
  notifyCommand,
  partnershipContext,
  rapidReviewCommand,
  roleContext,
} from '../incident/incident-test-fixtures';

const on = (today: string, context: CommandContext): CommandContext => ({
  ...context,
  today,
  now: `${today}T10:00:00Z`,
});
const leeds = (today: string) => on(today, partnershipContext('leeds'));
const panel = (today: string) => on(today, roleContext('panel'));

describe('a serious harm notification, from notification to a closed local review', () => {
  it('runs every step in order and each stream tells the story', () => {
    const incident: IncidentEvent[] = [];
    const review: ReviewEvent[] = [];
    const incidentState = () => incident.reduce(incidentDecider.evolve, incidentDecider.initialState());
    const runIncident = (command: IncidentCommand) =>
      incident.push(...incidentDecider.decide(command, incidentState()));
    const runReview = (command: ReviewCommand) =>
      review.push(...reviewDecider.decide(command, review.reduce(reviewDecider.evolve, reviewDecider.initialState())));

    runIncident(notifyCommand({}, leeds('2026-03-10')));
    runIncident({ ...rapidReviewCommand({ localReviewDecision: 'no-local-review' }, leeds('2026-03-25')) });
    runIncident({
      type: 'RespondToRapidReview',
      data: { incidentId: INCIDENT_ID, outcome: 'reconsider', comments: 'Please reconsider.' },
      context: panel('2026-04-02'),
    });
    runIncident(rapidReviewCommand({}, leeds('2026-04-10')));
    runIncident({
      type: 'RespondToRapidReview',
      data: { incidentId: INCIDENT_ID, outcome: 'agreed', comments: '' },
      context: panel('2026-04-20'),
    });

    runReview({
      type: 'CommissionLocalReview',
      data: {
        reviewId: 'review-1',
        partnershipId: 'leeds',
        incidentIds: [INCIDENT_ID],
        guidanceEdition: 'panel-guidance-2025',
        caseName: 'Child M',
      },
      context: leeds('2026-04-21'),
      reference: { incidents: { [INCIDENT_ID]: incidentState() } },
    });
    runIncident({
      type: 'LinkIncidentToReview',
      data: { incidentId: INCIDENT_ID, reviewId: 'review-1', reviewKind: 'local' },
      context: leeds('2026-04-21'),
    });
    runReview({
      type: 'AppointReviewer',
      data: { reviewId: 'review-1', reviewerName: 'Dr Reviewer' },
      context: leeds('2026-05-01'),
    });
    runReview({
      type: 'DelayPublication',
      data: {
        reviewId: 'review-1',
        reason: 'criminal-proceedings',
        panelInformed: true,
        explanation: 'Trial.',
        expectedPublicationOn: '2027-01-15',
      },
      context: leeds('2026-09-01'),
    });
    runReview({
      type: 'SubmitFinalReport',
      data: { reviewId: 'review-1', recipients: ['panel', 'dfe'] },
      context: leeds('2026-12-01'),
    });
    runReview({
      type: 'PublishReport',
      data: {
        reviewId: 'review-1',
        publishedOn: '2027-01-15',
        publication: 'full-report',
        documents: [
          {
            kind: 'overview-report',
            title: 'Child M – Overview Report',
            address: 'https://leeds.example/child-m.pdf',
            checksum: 'c'.repeat(64),
          },
        ],
        summary: 'Summary.',
        learningThemes: ['Neglect'],
        recommendations: ['Training'],
        keywords: ['infant'],
        reviewModel: 'lcspr',
      },
      context: leeds('2027-01-15'),
      reference: { workingDaysSinceFinalReport: 28 },
    });
    runReview({
      type: 'RecordActionPlanProgress',
      data: {
        reviewId: 'review-1',
        actions: [{ actionRef: 'A1', description: 'Training', owner: 'LA', status: 'completed' }],
      },
      context: leeds('2027-07-01'),
    });
    runReview({
      type: 'CloseReview',
      data: { reviewId: 'review-1', reason: 'completed' },
      context: leeds('2027-07-02'),
    });

    expect(incident.map((e) => e.type)).toEqual([
      'IncidentNotified',
      'RapidReviewCompleted',
      'PanelResponded',
      'RapidReviewCompleted',
      'PanelResponded',
      'IncidentLinkedToReview',
    ]);
    expect(incident[3]?.data).toMatchObject({ submission: 2, localReviewDecision: 'local-review' });
    expect(review.map((e) => e.type)).toEqual([
      'LocalReviewCommissioned',
      'ReviewerAppointed',
      'PublicationDelayed',
      'FinalReportSubmitted',
      'ReportPublished',
      'ActionPlanProgressRecorded',
      'ReviewClosed',
    ]);
    expect(review.reduce(reviewDecider.evolve, reviewDecider.initialState())).toMatchObject({
      status: 'closed',
      reviewerAppointed: true,
      finalReportSubmittedOn: '2026-12-01',
      publishedOn: '2027-01-15',
      delays: 1,
      closedOn: '2027-07-02',
    });
    expect(incidentState()).toMatchObject({
      status: 'notified',
      rapidReview: { submission: 2, panelOutcome: 'agreed' },
      linkedReviews: [{ reviewId: 'review-1', reviewKind: 'local' }],
    });
  });
});
