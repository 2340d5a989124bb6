/** Non-statutory and thematic reviews, and local reviews tracked by the same decider with their statutory clock. */
import { describe, expect, it } from 'vitest';
import { reviewDecider } from './review-decide';
import type { CommissionThematicReview, ReviewCommand } from './review-commands';
import type { ReviewEvent } from './review-events';
import {
  LR,
  commissionNonStatutory,
  incidentState,
  localReviewCommissioned,
  nationalThematic,
  nonStatutoryCommissioned,
  publishData,
  referralState,
  reviewState,
} from './review-test-fixtures';
import {
  REFERRAL_ID,
  decidedEvent,
  extendedContext,
  policeReferrer,
  subGroup,
  submittedEvent,
} from '../referral/referral-test-fixtures';
import { NOW, TODAY, partnershipContext, rapidReviewEvent, roleContext } from '../incident/incident-test-fixtures';
import type { IncidentEvent } from '../incident/incident-events';
import { deciderSpec, malformed } from '../shared/decider-spec';

const spec = deciderSpec(reviewDecider);
const panel = extendedContext('panel', undefined, 'user-panel');

describe('reviewDecider on a local review, step by step', () => {
  it('decides each command on the statutory path, refusals included, and folds the tracking', () => {
    const incidents = { 'i-1': incidentState('i-1', 'leeds', rapidReviewEvent(1)) };
    const commands: ReviewCommand[] = [
      {
        type: 'CommissionLocalReview',
        data: { reviewId: 'local-1', partnershipId: 'leeds', incidentIds: ['i-1'], caseName: 'Child M' },
        context: partnershipContext(),
        reference: { incidents },
      },
      { type: 'AppointReviewer', data: { reviewId: 'local-1', reviewerName: 'Dr R' }, context: partnershipContext() },
      {
        type: 'DelayPublication',
        data: { reviewId: 'local-1', reason: 'inquest', panelInformed: true, explanation: 'E' },
        context: partnershipContext(),
      },
      {
        type: 'SubmitFinalReport',
        data: { reviewId: 'local-1', recipients: ['panel', 'dfe'] },
        context: partnershipContext(),
      },
      {
        type: 'PublishReport',
        data: publishData('local-1'),
        context: partnershipContext(),
        reference: { workingDaysSinceFinalReport: 6 },
      },
      {
        type: 'PublishReport',
        data: publishData('local-1'),
        context: partnershipContext(),
        reference: { workingDaysSinceFinalReport: 7 },
      },
      {
        type: 'AppointReviewer',
        data: { reviewId: 'local-1', reviewerName: 'Dr S' },
        context: partnershipContext('york'),
      },
      { type: 'CloseReview', data: { reviewId: 'local-1', reason: 'completed' }, context: partnershipContext() },
    ];
    const stream: ReviewEvent[] = [];
    const outcomes = commands.map((command) => {
      try {
        const events = reviewDecider.decide(command, stream.reduce(reviewDecider.evolve, reviewDecider.initialState()));
        stream.push(...events);
        return events.map((e) => e.type).join();
      } catch (error) {
        return (error as { code?: string }).code;
      }
    });
    expect(outcomes).toEqual([
      'LocalReviewCommissioned',
      'ReviewerAppointed',
      'PublicationDelayed',
      'FinalReportSubmitted',
      'ReportPublished',
      'illegal_state',
      'forbidden',
      'ReviewClosed',
    ]);
    expect(stream.find((e) => e.type === 'ReportPublished')?.data).toMatchObject({
      finalReportNoticeWorkingDays: 6,
      finalReportNoticeMet: false,
    });
    expect(reviewState(...stream)).toMatchObject({
      kind: 'local',
      statutory: true,
      ownerPartnershipId: 'leeds',
      status: 'closed',
      finalReportRecipients: ['panel', 'dfe'],
      guidanceEdition: 'panel-guidance-2025',
      delays: 1,
    });
  });

  it('naming concerned partnerships changes who the review concerns, nothing of its tracking', () => {
    const named: ReviewEvent = {
      type: 'ReviewConcernsPartnerships',
      schemaVersion: 1,
      data: { reviewId: 'local-1', partnershipIds: ['york'], namedOn: TODAY },
    };
    const before = reviewState(localReviewCommissioned);
    if (before.status === 'none') throw new Error('commissioned');
    expect(reviewState(localReviewCommissioned, named)).toEqual({ ...before, concernedPartnershipIds: ['york'] });
  });

  it('folds each commissioning event into its kind, statutory or not, with the owner and the partnerships covered', () => {
    // Written before titles were sealed: the title in `data`, no personal part. It still folds, and is not kept.
    const national = {
      type: 'NationalReviewCommissioned',
      schemaVersion: 1,
      data: {
        reviewId: 'n',
        incidentIds: ['i-1'],
        partnershipIds: ['york', 'leeds'],
        commissionedAt: NOW,
        commissionedOn: TODAY,
        guidanceEdition: 'panel-guidance-2025',
        title: 'Infants',
        thematic: false,
      },
    } as unknown as ReviewEvent;
    expect(reviewState(localReviewCommissioned)).toMatchObject({
      kind: 'local',
      statutory: true,
      ownerPartnershipId: 'leeds',
      partnershipIds: ['leeds'],
      guidanceEdition: 'working-together-2023',
    });
    expect(reviewState(national)).toMatchObject({
      kind: 'national',
      statutory: true,
      ownerPartnershipId: null,
      partnershipIds: ['york', 'leeds'],
    });
    // The case name, titles and theme are sealed and no decision needs them: the state keeps none, old or new.
    for (const event of [localReviewCommissioned, national, nonStatutoryCommissioned, nationalThematic])
      expect(JSON.stringify(reviewState(event))).not.toMatch(
        /Child M|Infants|Learning from Child R|Online harm|online safety/,
      );
    expect(reviewState(nonStatutoryCommissioned)).toMatchObject({
      kind: 'multi-agency-learning-review',
      statutory: false,
      guidanceEdition: null,
    });
    expect(reviewState(nationalThematic)).toMatchObject({
      kind: 'thematic',
      statutory: false,
      ownerPartnershipId: null,
      partnershipIds: ['leeds', 'york'],
    });
    expect(reviewState(localReviewCommissioned, nonStatutoryCommissioned)).toEqual(
      reviewState(localReviewCommissioned),
    );
  });
});

describe('CommissionNonStatutoryReview', () => {
  it('commissions the learning review the sub-group chose for a referral', () => {
    spec.given([]).when(commissionNonStatutory()).then([nonStatutoryCommissioned]);
    expect(reviewState(nonStatutoryCommissioned)).toMatchObject({
      kind: 'multi-agency-learning-review',
      statutory: false,
      ownerPartnershipId: 'leeds',
      referralIds: [REFERRAL_ID],
    });
  });

  it("accepts the partnership's incidents whatever their rapid review decided", () => {
    const incidents = { 'i-1': incidentState('i-1', 'leeds', rapidReviewEvent(1, 'no-local-review')) };
    const [event] = spec
      .given([])
      .when(
        commissionNonStatutory({ referralIds: [], incidentIds: ['i-1'], kind: 'partnership-review' }, subGroup(), {
          referrals: {},
          incidents,
        }),
      )
      .events();
    expect(event).toMatchObject({ data: { kind: 'partnership-review', incidentIds: ['i-1'], referralIds: [] } });
  });

  it.each([
    [
      'a referral decided as no further action',
      {
        [REFERRAL_ID]: referralState(
          submittedEvent(),
          decidedEvent({ outcome: 'no-further-action', incidentId: undefined }, 'R'),
        ),
      },
      'illegal_state',
    ],
    ['a referral awaiting decision', { [REFERRAL_ID]: referralState(submittedEvent()) }, 'illegal_state'],
    ['an unknown referral', {}, 'not_found'],
  ] as const)('refuses %s', (_what, referrals, code) => {
    spec
      .given([])
      .when(commissionNonStatutory({}, subGroup(), { referrals, incidents: {} }))
      .thenThrows({ code, messageIncludes: 'referralIds.0' });
  });

  it("refuses another partnership's referral or incident, and a withdrawn incident", () => {
    spec
      .given([])
      .when(commissionNonStatutory({ partnershipId: 'york' }, subGroup('york')))
      .thenThrows({ code: 'forbidden', messageIncludes: 'referralIds.0' });
    const withdrawn: IncidentEvent = {
      type: 'NotificationWithdrawn',
      schemaVersion: 1,
      data: { incidentId: 'i-2', withdrawnAt: NOW, reason: 'notified-in-error' },
      personal: { explanation: 'x' },
    };
    const incidents = { 'i-1': incidentState('i-1', 'york'), 'i-2': incidentState('i-2', 'leeds', withdrawn) };
    spec
      .given([])
      .when(commissionNonStatutory({ referralIds: [], incidentIds: ['i-1'] }, subGroup(), { referrals: {}, incidents }))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([])
      .when(commissionNonStatutory({ referralIds: [], incidentIds: ['i-2'] }, subGroup(), { referrals: {}, incidents }))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'withdrawn' });
  });

  it('validates kind, title and that some case is named; refuses other roles and a used id', () => {
    spec
      .given([])
      .when(commissionNonStatutory({ kind: malformed('local') }))
      .thenThrows({ code: 'validation', field: 'kind' });
    spec
      .given([])
      .when(commissionNonStatutory({ title: '' }))
      .thenThrows({ code: 'validation', field: 'title' });
    spec
      .given([])
      .when(commissionNonStatutory({ referralIds: [], incidentIds: [] }))
      .thenThrows({ code: 'validation', field: 'referralIds' });
    spec
      .given([])
      .when(commissionNonStatutory({ referralIds: [REFERRAL_ID, REFERRAL_ID] }))
      .thenThrows({ code: 'validation', field: 'referralIds.1' });
    for (const context of [policeReferrer(), panel, extendedContext('dfe')])
      spec.given([]).when(commissionNonStatutory({}, context)).thenThrows({ code: 'forbidden' });
    spec.given([nonStatutoryCommissioned]).when(commissionNonStatutory()).thenThrows({ code: 'illegal_state' });
  });
});

describe('tracking a non-statutory review: no statutory clocks', () => {
  const appointed: ReviewEvent = {
    type: 'ReviewerAppointed',
    schemaVersion: 1,
    data: { reviewId: LR, appointedOn: TODAY },
    personal: { reviewerName: 'Dr R' },
  };
  const publish = (context = subGroup()) => ({ type: 'PublishReport' as const, data: publishData(), context });
  /** What the decider makes of the command: the record's text and titles go in the sealed part (review-events.ts). */
  const publishedEventParts = (data: ReturnType<typeof publishData>) => {
    const { summary, learningThemes, recommendations, keywords, documents, ...published } = data;
    return {
      data: { ...published, documents: documents.map(({ title: _sealed, ...recorded }) => recorded) },
      personal: { summary, learningThemes, recommendations, keywords, documentTitles: documents.map((d) => d.title) },
    };
  };

  it('appoints a reviewer and publishes without a final report or a working-day count', () => {
    spec
      .given([nonStatutoryCommissioned])
      .when({ type: 'AppointReviewer', data: { reviewId: LR, reviewerName: 'Dr R' }, context: subGroup() })
      .then([appointed]);
    spec
      .given([nonStatutoryCommissioned, appointed])
      .when(publish())
      .then([{ type: 'ReportPublished', schemaVersion: 1, ...publishedEventParts(publishData()) }]);
  });

  it('still refuses publishing twice, a date before the final report, and another partnership', () => {
    const [published] = spec.given([nonStatutoryCommissioned]).when(publish()).events();
    spec
      .given([nonStatutoryCommissioned, published!])
      .when(publish())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'published' });
    const report: ReviewEvent = {
      type: 'FinalReportSubmitted',
      schemaVersion: 1,
      data: { reviewId: LR, submittedAt: NOW, submittedOn: TODAY, recipients: ['panel'] },
    };
    spec
      .given([nonStatutoryCommissioned, appointed, report])
      .when({ ...publish(), data: { ...publishData(), publishedOn: '2026-03-09' } })
      .thenThrows({ code: 'validation', field: 'publishedOn' });
    spec
      .given([nonStatutoryCommissioned])
      .when(publish(subGroup('york')))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([nonStatutoryCommissioned])
      .when({ ...publish(), data: { ...publishData(), documents: [] } })
      .thenThrows({ code: 'validation', field: 'documents' });
  });

  it('closes like a local review', () => {
    spec
      .given([nonStatutoryCommissioned])
      .when({ type: 'CloseReview', data: { reviewId: LR, reason: 'completed' }, context: subGroup() })
      .thenThrows({ code: 'illegal_state' });
    expect(
      spec
        .given([nonStatutoryCommissioned])
        .when({ type: 'CloseReview', data: { reviewId: LR, reason: 'withdrawn' }, context: subGroup() })
        .events(),
    ).toHaveLength(1);
  });
});

describe('CommissionThematicReview', () => {
  const thematic = (
    data: Partial<CommissionThematicReview['data']> = {},
    context = panel,
    reference: CommissionThematicReview['reference'] = {
      incidents: { 'i-1': incidentState('i-1', 'leeds'), 'i-2': incidentState('i-2', 'york') },
      reviews: {},
    },
  ): CommissionThematicReview => ({
    type: 'CommissionThematicReview',
    data: {
      reviewId: 'thematic-n',
      partnershipId: 'national',
      title: 'Online harm',
      theme: 'online safety and self-harm',
      incidentIds: ['i-1', 'i-2'],
      reviewIds: [],
      ...data,
    },
    context,
    reference,
  });

  it('the Panel links many cases across partnerships and owns the review', () => {
    spec.given([]).when(thematic()).then([nationalThematic]);
    expect(reviewState(nationalThematic)).toMatchObject({
      kind: 'thematic',
      statutory: false,
      ownerPartnershipId: null,
    });
  });

  it('a partnership links its own incidents and reviews, and reviews that concern it', () => {
    const concernsLeeds = reviewState(
      {
        ...localReviewCommissioned,
        data: { ...localReviewCommissioned.data, reviewId: 'r-harrow', partnershipId: 'harrow' },
      },
      {
        type: 'ReviewConcernsPartnerships',
        schemaVersion: 1,
        data: { reviewId: 'r-harrow', partnershipIds: ['leeds'], namedOn: TODAY },
      },
    );
    const reference = {
      incidents: { 'i-1': incidentState('i-1', 'leeds') },
      reviews: { 'local-1': reviewState(localReviewCommissioned), 'r-harrow': concernsLeeds },
    };
    const [event] = spec
      .given([])
      .when(
        thematic(
          { reviewId: 't-1', partnershipId: 'leeds', incidentIds: ['i-1'], reviewIds: ['local-1', 'r-harrow'] },
          subGroup(),
          reference,
        ),
      )
      .events();
    expect(event).toMatchObject({
      type: 'ThematicReviewCommissioned',
      data: { partnershipId: 'leeds', partnershipIds: ['leeds', 'harrow'], reviewIds: ['local-1', 'r-harrow'] },
    });
  });

  it("refuses fewer than two cases, other partnerships' cases, unknown reviews and itself", () => {
    spec
      .given([])
      .when(thematic({ incidentIds: ['i-1'] }))
      .thenThrows({ code: 'validation', field: 'incidentIds' });
    spec
      .given([])
      .when(thematic({ partnershipId: 'leeds' }, subGroup()))
      .thenThrows({ code: 'forbidden', messageIncludes: 'incidentIds.1' });
    const reference = {
      incidents: { 'i-1': incidentState('i-1', 'leeds') },
      reviews: {
        'r-york': reviewState({
          ...localReviewCommissioned,
          data: { ...localReviewCommissioned.data, reviewId: 'r-york', partnershipId: 'york' },
        }),
      },
    };
    spec
      .given([])
      .when(thematic({ partnershipId: 'leeds', incidentIds: ['i-1'], reviewIds: ['r-york'] }, subGroup(), reference))
      .thenThrows({ code: 'forbidden', messageIncludes: 'reviewIds.0' });
    spec
      .given([])
      .when(thematic({ incidentIds: ['i-1'], reviewIds: ['nope'] }))
      .thenThrows({ code: 'not_found', messageIncludes: 'reviewIds.0' });
    spec
      .given([])
      .when(thematic({ reviewIds: ['thematic-n'] }))
      .thenThrows({ code: 'validation', field: 'reviewIds.0' });
  });

  it("national thematic reviews are the Panel's; theme and title are required", () => {
    for (const context of [subGroup(), extendedContext('dfe'), extendedContext('ofsted'), policeReferrer()])
      spec.given([]).when(thematic({}, context)).thenThrows({ code: 'forbidden' });
    spec
      .given([])
      .when(thematic({ theme: ' ' }))
      .thenThrows({ code: 'validation', field: 'theme' });
    spec
      .given([])
      .when(thematic({ title: '' }))
      .thenThrows({ code: 'validation', field: 'title' });
  });

  it('the Panel tracks and publishes its thematic review without the 7-day clock', () => {
    const publish = {
      type: 'PublishReport' as const,
      data: { ...publishData('thematic-n'), reviewModel: 'national' as const },
      context: panel,
    };
    expect(spec.given([nationalThematic]).when(publish).events()).toHaveLength(1);
    spec
      .given([nationalThematic])
      .when({ ...publish, context: roleContext('admin') })
      .thenThrows({ code: 'forbidden' });
  });
});
