/** Set-up for issue 9 specs (the authorization matrix): referrals and non-statutory reviews written through the handler. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@cspr/domain';
import type { lifecycle } from './lifecycle.fixture';

/** The agency referrer the matrix's `agency` caller is (same subject and partnership). */
export const OFFICER: Actor = { userId: 'officer-1', role: 'agency', partnershipId: 'leeds' };
const LEEDS: Actor = { userId: 'leeds-user', role: 'partnership', partnershipId: 'leeds' };

export const referralSetup = (lc: ReturnType<typeof lifecycle>) => {
  const submitted = async () => {
    const referralId = randomUUID();
    await lc.commands.execute(
      {
        type: 'SubmitReferral',
        data: {
          referralId,
          partnershipId: 'leeds',
          localAuthorityCode: 'E08000035',
          agency: 'police',
          nature: 'serious-harm',
          incidentOn: '2026-03-02',
          becameAwareOn: '2026-03-03',
          criteriaView: 'unsure',
          dslConsulted: true,
          children: [
            {
              childRef: 'child-1',
              name: 'Matrix Referral Child',
              ageInYears: 6,
              sex: 'male',
              ethnicity: 'asian',
              disability: 'not-known',
              placement: 'at-home',
              lookedAfter: false,
              childInNeedPlan: false,
              childProtectionPlan: false,
              knownToAgencies: 'yes',
            },
          ],
          referrer: { name: 'PC Matrix', role: 'Constable', email: 'pc@police.example' },
          whatHappened: 'W',
          agencyReasons: 'R',
          location: 'L',
        },
      },
      { actor: OFFICER },
    );
    return { referralId };
  };
  /** A learning review commissioned from a referral decided as an alternative review. */
  const learningReview = async () => {
    const { referralId } = await submitted();
    const reviewId = randomUUID();
    await lc.commands.execute(
      {
        type: 'DecideReferral',
        data: { referralId, outcome: 'alternative-review', reviewKind: 'multi-agency-learning-review', reviewId },
      },
      { actor: LEEDS },
    );
    return { referralId, reviewId };
  };
  const withRecommendation = async () => {
    const ids = await learningReview();
    await lc.commands.execute(
      {
        type: 'AddRecommendation',
        data: { reviewId: ids.reviewId, recommendationId: 'rec-1', text: 'T', assignedAgency: 'police' },
      },
      { actor: LEEDS },
    );
    return ids;
  };
  const withAction = async () => {
    const ids = await withRecommendation();
    await lc.commands.execute(
      {
        type: 'RecordActionForRecommendation',
        data: {
          reviewId: ids.reviewId,
          actionId: 'act-1',
          recommendationId: 'rec-1',
          description: 'D',
          owner: 'O',
          dueOn: '2026-04-30',
        },
      },
      { actor: LEEDS },
    );
    return ids;
  };
  /** A learning review of leeds naming bradford's services. */
  const concerningBradford = async () => {
    const ids = await learningReview();
    await lc.commands.execute(
      { type: 'NameConcernedPartnerships', data: { reviewId: ids.reviewId, partnershipIds: ['bradford'] } },
      { actor: LEEDS },
    );
    return ids;
  };
  return { submitted, learningReview, withRecommendation, withAction, concerningBradford };
};
