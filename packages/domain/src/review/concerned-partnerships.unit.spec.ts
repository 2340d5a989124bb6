/** NameConcernedPartnerships: a review names other partnerships whose services it concerns; they then see it. */
import { describe, expect, it } from 'vitest';
import { reviewDecider } from './review-decide';
import type { NameConcernedPartnerships } from './review-commands';
import type { ReviewEvent } from './review-events';
import {
  localReviewCommissioned,
  nationalThematic,
  nonStatutoryCommissioned,
  reviewState,
} from './review-test-fixtures';
import { extendedContext, policeReferrer, subGroup } from '../referral/referral-test-fixtures';
import { TODAY } from '../incident/incident-test-fixtures';
import { mayPerform, reviewFacts } from '../shared/access-policy';
import { deciderSpec } from '../shared/decider-spec';

const spec = deciderSpec(reviewDecider);
const KNOWN = ['leeds', 'york', 'buckinghamshire', 'harrow'];
const name = (partnershipIds: string[], context = subGroup(), reviewId = 'local-1'): NameConcernedPartnerships => ({
  type: 'NameConcernedPartnerships',
  data: { reviewId, partnershipIds },
  context,
  reference: { knownPartnershipIds: KNOWN },
});
const named = (partnershipIds: string[], reviewId = 'local-1'): ReviewEvent => ({
  type: 'ReviewConcernsPartnerships',
  schemaVersion: 1,
  data: { reviewId, partnershipIds, namedOn: TODAY },
});

describe('NameConcernedPartnerships', () => {
  it('the owner names partnerships whose services the review concerns; they then may read it', () => {
    spec
      .given([localReviewCommissioned])
      .when(name(['buckinghamshire']))
      .then([named(['buckinghamshire'])]);
    const state = reviewState(localReviewCommissioned, named(['buckinghamshire']), named(['york']));
    expect(state).toMatchObject({ concernedPartnershipIds: ['buckinghamshire', 'york'] });
    if (state.status === 'none') throw new Error('commissioned');
    const record = reviewFacts(state);
    expect(mayPerform({ userId: 'u', role: 'partnership', partnershipId: 'buckinghamshire' }, 'review', record)).toBe(
      true,
    );
    expect(mayPerform({ userId: 'u', role: 'partnership', partnershipId: 'harrow' }, 'review', record)).toBe(false);
  });

  it('works on every kind of review and at every stage, closed included', () => {
    const closed: ReviewEvent = {
      type: 'ReviewClosed',
      schemaVersion: 1,
      data: { reviewId: 'local-1', closedOn: TODAY, reason: 'withdrawn' },
    };
    expect(
      spec
        .given([localReviewCommissioned, closed])
        .when(name(['york']))
        .events(),
    ).toHaveLength(1);
    expect(
      spec
        .given([nonStatutoryCommissioned])
        .when(name(['york'], subGroup(), 'learning-review-1'))
        .events(),
    ).toHaveLength(1);
  });

  it('on a Panel-owned review the Panel names them', () => {
    const panel = extendedContext('panel', undefined, 'user-panel');
    spec
      .given([nationalThematic])
      .when(name(['harrow'], panel, 'thematic-n'))
      .then([named(['harrow'], 'thematic-n')]);
    spec
      .given([nationalThematic])
      .when(name(['harrow'], subGroup(), 'thematic-n'))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([nationalThematic])
      .when(name(['york'], panel, 'thematic-n'))
      .thenThrows({ code: 'validation', field: 'partnershipIds.0', messageIncludes: 'already covers' });
  });

  it('refuses the owner itself, a name already given, an unregistered partnership and an empty list', () => {
    spec
      .given([localReviewCommissioned])
      .when(name(['leeds']))
      .thenThrows({ code: 'validation', field: 'partnershipIds.0' });
    spec
      .given([localReviewCommissioned, named(['york'])])
      .when(name(['harrow', 'york']))
      .thenThrows({ code: 'validation', field: 'partnershipIds.1', messageIncludes: 'already been named' });
    spec
      .given([localReviewCommissioned])
      .when(name(['atlantis']))
      .thenThrows({ code: 'not_found', messageIncludes: 'partnershipIds.0' });
    spec.given([localReviewCommissioned]).when(name([])).thenThrows({ code: 'validation', field: 'partnershipIds' });
    spec
      .given([localReviewCommissioned])
      .when(name(['york', 'york']))
      .thenThrows({ code: 'validation', field: 'partnershipIds.1' });
  });

  it('refuses everyone but the owner, and a review not commissioned', () => {
    for (const context of [
      subGroup('york'),
      extendedContext('panel'),
      extendedContext('ofsted'),
      extendedContext('admin'),
      extendedContext('dfe'),
      policeReferrer(),
    ]) {
      spec
        .given([localReviewCommissioned])
        .when(name(['harrow'], context))
        .thenThrows({ code: 'forbidden' });
    }
    spec
      .given([])
      .when(name(['york']))
      .thenThrows({ code: 'not_found' });
  });
});
