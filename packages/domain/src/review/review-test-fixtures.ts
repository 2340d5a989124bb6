/** Events and commands for the review specs (non-statutory, thematic, concerned partnerships, learning). */
import type {
  LocalReviewCommissioned,
  NonStatutoryReviewCommissioned,
  ReviewEvent,
  ThematicReviewCommissioned,
} from './review-events';
import type { CommissionNonStatutoryReview } from './review-commands';
import { reviewDecider } from './review-decide';
import type { ReviewState } from './review';
import type { ReferralState } from '../referral/referral';
import { referralDecider } from '../referral/referral-decide';
import { REFERRAL_ID, decidedEvent, submittedEvent, subGroup } from '../referral/referral-test-fixtures';
import { incidentDecider } from '../incident/incident-decide';
import type { IncidentEvent } from '../incident/incident-events';
import type { IncidentState } from '../incident/incident';
import { NOW, TODAY, notifiedEvent } from '../incident/incident-test-fixtures';
import { deciderSpec } from '../shared/decider-spec';

export const LR = 'learning-review-1';
export const CHECKSUM = 'c'.repeat(64);

export const referralState = (...events: Parameters<typeof referralDecider.evolve>[1][]): ReferralState =>
  deciderSpec(referralDecider).given(events).state();
export const alternativeReferral = () =>
  referralState(
    submittedEvent(),
    decidedEvent(
      {
        outcome: 'alternative-review',
        incidentId: undefined,
        reviewKind: 'multi-agency-learning-review',
        reviewId: LR,
      },
      'Learning.',
    ),
  );
export const incidentState = (incidentId: string, partnershipId: string, ...more: IncidentEvent[]): IncidentState =>
  deciderSpec(incidentDecider)
    .given([notifiedEvent({ incidentId, partnershipId }), ...more])
    .state();
export const reviewState = (...events: ReviewEvent[]): ReviewState => deciderSpec(reviewDecider).given(events).state();

export const commissionNonStatutory = (
  data: Partial<CommissionNonStatutoryReview['data']> = {},
  context = subGroup(),
  reference: CommissionNonStatutoryReview['reference'] = {
    referrals: { [REFERRAL_ID]: alternativeReferral() },
    incidents: {},
  },
): CommissionNonStatutoryReview => ({
  type: 'CommissionNonStatutoryReview',
  data: {
    reviewId: LR,
    partnershipId: 'leeds',
    kind: 'multi-agency-learning-review',
    referralIds: [REFERRAL_ID],
    incidentIds: [],
    title: 'Learning from Child R',
    ...data,
  },
  context,
  reference,
});

export const nonStatutoryCommissioned: NonStatutoryReviewCommissioned = {
  type: 'NonStatutoryReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: LR,
    partnershipId: 'leeds',
    kind: 'multi-agency-learning-review',
    referralIds: [REFERRAL_ID],
    incidentIds: [],
    commissionedAt: NOW,
    commissionedOn: TODAY,
  },
  personal: { title: 'Learning from Child R' },
};

export const nationalThematic: ThematicReviewCommissioned = {
  type: 'ThematicReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: 'thematic-n',
    partnershipId: 'national',
    partnershipIds: ['leeds', 'york'],
    incidentIds: ['i-1', 'i-2'],
    reviewIds: [],
    commissionedAt: NOW,
    commissionedOn: TODAY,
  },
  personal: { title: 'Online harm', theme: 'online safety and self-harm' },
};

export const localReviewCommissioned: LocalReviewCommissioned = {
  type: 'LocalReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: 'local-1',
    partnershipId: 'leeds',
    incidentIds: ['i-1'],
    commissionedAt: NOW,
    commissionedOn: TODAY,
    guidanceEdition: 'working-together-2023',
  },
  personal: { caseName: 'Child M' },
};

export const publishData = (reviewId = LR) => ({
  reviewId,
  publishedOn: TODAY,
  publication: 'full-report' as const,
  documents: [
    { kind: 'overview-report' as const, title: 'Report', address: 'https://x.example/r.pdf', checksum: CHECKSUM },
  ],
  summary: 'Summary',
  learningThemes: ['neglect'],
  recommendations: [],
  keywords: ['infant'],
  reviewModel: 'systems-learning' as const,
});
