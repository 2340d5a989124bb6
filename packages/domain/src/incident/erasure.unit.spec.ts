import { describe, expect, it } from 'vitest';
import { incidentDecider } from './incident-decide';
import type { ApproveErasure, CancelErasureRequest, RequestErasure } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import type { CommandContext } from '../shared/types';
import { deciderSpec } from '../shared/decider-spec';
import { INCIDENT_ID, NOW, notifiedEvent, partnershipContext, roleContext } from './incident-test-fixtures';
import { referralDecider } from '../referral/referral-decide';
import type { ReferralCommand } from '../referral/referral-commands';
import type { ReferralEvent } from '../referral/referral-events';
import { decideCommand, decidedEvent, REFERRAL_ID, submittedEvent } from '../referral/referral-test-fixtures';
import { reviewDecider } from '../review/review-decide';
import type { ReviewCommand } from '../review/review-commands';
import type { ReviewEvent } from '../review/review-events';
import { nationalThematic, nonStatutoryCommissioned } from '../review/review-test-fixtures';

/** The same command or event, naming another subject than the incident (referral, review). */
const withoutIncident = (data: object): Record<string, unknown> => {
  const { incidentId: _incident, ...rest } = data as Record<string, unknown>;
  return rest;
};

const spec = deciderSpec(incidentDecider);
const ADMINS = ['admin-1', 'admin-2', 'admin-3'];
const admin = (userId: string) => roleContext('admin', userId);

const request = (
  context: CommandContext = admin('admin-1'),
  legalBasis = 'data-subject-request',
  adminUserIds = ADMINS,
): RequestErasure => ({
  type: 'RequestErasure',
  data: { incidentId: INCIDENT_ID, legalBasis },
  context,
  reference: { adminUserIds },
});
const approve = (
  context: CommandContext = admin('admin-2'),
  data: Partial<ApproveErasure['data']> = {},
  adminUserIds = ADMINS,
): ApproveErasure => ({
  type: 'ApproveErasure',
  data: { incidentId: INCIDENT_ID, ...data },
  context,
  reference: { adminUserIds },
});
const cancel = (context: CommandContext = admin('admin-3')): CancelErasureRequest => ({
  type: 'CancelErasureRequest',
  data: { incidentId: INCIDENT_ID },
  context,
  reference: { adminUserIds: ADMINS },
});

const requested = (requestedBy = 'admin-1'): IncidentEvent => ({
  type: 'ErasureRequested',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, requestedBy, legalBasis: 'data-subject-request', requestedAt: NOW },
});
const cancelled: IncidentEvent = {
  type: 'ErasureRequestCancelled',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, cancelledBy: 'admin-3', cancelledAt: NOW },
};
const erased = (approvedBy = 'admin-2'): IncidentEvent => ({
  type: 'PersonalDataErased',
  schemaVersion: 1,
  data: {
    incidentId: INCIDENT_ID,
    erasedAt: NOW,
    legalBasis: 'data-subject-request',
    requestedBy: 'admin-1',
    approvedBy,
  },
});
const withdrawn: IncidentEvent = {
  type: 'NotificationWithdrawn',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, withdrawnAt: NOW, reason: 'notified-in-error' },
  personal: { explanation: 'x' },
};

describe('RequestErasure', () => {
  it('records the request with the acting admin as requester; nothing is erased yet', () => {
    spec.given([notifiedEvent()]).when(request()).then([requested()]);
    expect(spec.given([notifiedEvent(), requested()]).state()).toMatchObject({
      personalDataErased: false,
      erasureRequest: { requestedBy: 'admin-1', legalBasis: 'data-subject-request' },
    });
  });

  it('works on a withdrawn notification too', () => {
    spec.given([notifiedEvent(), withdrawn]).when(request()).then([requested()]);
  });

  it('refuses a second request while one is pending, but takes a new one after a cancellation', () => {
    spec
      .given([notifiedEvent(), requested()])
      .when(request(admin('admin-2')))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'awaiting approval' });
    spec
      .given([notifiedEvent(), requested(), cancelled])
      .when(request(admin('admin-2')))
      .then([requested('admin-2')]);
  });

  it('refuses every non-admin role and an admin token whose user is not a configured admin', () => {
    for (const context of [partnershipContext(), roleContext('panel', 'admin-1'), roleContext('ofsted', 'admin-1')]) {
      spec.given([notifiedEvent()]).when(request(context)).thenThrows({ code: 'forbidden' });
    }
    spec
      .given([notifiedEvent()])
      .when(request(admin('admin-9')))
      .thenThrows({ code: 'forbidden' });
  });

  it('validates the legal basis; refuses before notification and after erasure', () => {
    spec
      .given([notifiedEvent()])
      .when(request(admin('admin-1'), 'because'))
      .thenThrows({ code: 'validation', field: 'legalBasis' });
    spec.given([]).when(request()).thenThrows({ code: 'not_found' });
    spec
      .given([notifiedEvent(), requested(), erased()])
      .when(request())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'already' });
  });
});

describe('ApproveErasure', () => {
  it('erases when another admin approves: requester from the request, approver the actor', () => {
    spec.given([notifiedEvent(), requested()]).when(approve()).then([erased()]);
    expect(spec.given([notifiedEvent(), requested(), erased()]).state()).toMatchObject({
      personalDataErased: true,
      erasureRequest: null,
    });
  });

  it('refuses the requester approving their own request (four eyes)', () => {
    spec
      .given([notifiedEvent(), requested()])
      .when(approve(admin('admin-1')))
      .thenThrows({ code: 'forbidden', messageIncludes: 'four eyes' });
  });

  it('refuses without a pending request, and after a cancellation', () => {
    spec
      .given([notifiedEvent()])
      .when(approve())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'request it first' });
    spec.given([notifiedEvent(), requested(), cancelled]).when(approve()).thenThrows({ code: 'illegal_state' });
  });

  it('refuses non-admins, an unconfigured admin, and a requester who is no longer an admin', () => {
    for (const context of [partnershipContext(), roleContext('panel', 'admin-2'), roleContext('ofsted', 'admin-2')]) {
      spec.given([notifiedEvent(), requested()]).when(approve(context)).thenThrows({ code: 'forbidden' });
    }
    spec
      .given([notifiedEvent(), requested()])
      .when(approve(admin('admin-9')))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([notifiedEvent(), requested()])
      .when(approve(admin('admin-2'), {}, ['admin-2']))
      .thenThrows({ code: 'forbidden', messageIncludes: 'no longer an admin' });
  });

  it('refuses when the approver expected another basis or requester than the pending request', () => {
    spec
      .given([notifiedEvent(), requested()])
      .when(approve(admin('admin-2'), { legalBasis: 'court-order' }))
      .thenThrows({ code: 'validation', field: 'legalBasis' });
    spec
      .given([notifiedEvent(), requested()])
      .when(approve(admin('admin-2'), { requestedBy: 'admin-3' }))
      .thenThrows({ code: 'validation', field: 'requestedBy' });
    spec
      .given([notifiedEvent(), requested()])
      .when(approve(admin('admin-2'), { legalBasis: 'data-subject-request', requestedBy: 'admin-1' }))
      .then([erased()]);
  });

  it('refuses a second erasure', () => {
    spec
      .given([notifiedEvent(), requested(), erased()])
      .when(approve(admin('admin-3')))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'already' });
  });
});

describe('CancelErasureRequest', () => {
  it('withdraws a pending request, by any configured admin (the requester included)', () => {
    spec.given([notifiedEvent(), requested()]).when(cancel()).then([cancelled]);
    spec
      .given([notifiedEvent(), requested()])
      .when(cancel(admin('admin-1')))
      .then([{ ...cancelled, data: { ...cancelled.data, cancelledBy: 'admin-1' } } as IncidentEvent]);
  });

  it('refuses without a pending request and for non-admins', () => {
    spec.given([notifiedEvent()]).when(cancel()).thenThrows({ code: 'illegal_state' });
    spec.given([notifiedEvent(), requested()]).when(cancel(partnershipContext())).thenThrows({ code: 'forbidden' });
  });
});

describe('erasure of a referral (a data subject without an incident)', () => {
  const referralSpec = deciderSpec(referralDecider);
  const onReferral = <C extends { data: object }>(command: C) =>
    ({ ...command, data: { ...withoutIncident(command.data), referralId: REFERRAL_ID } }) as unknown as ReferralCommand;
  const referralEvent = (event: IncidentEvent) =>
    ({ ...event, data: { ...withoutIncident(event.data), referralId: REFERRAL_ID } }) as unknown as ReferralEvent;

  it('erases a referral decided without a notification, four eyes, like an incident', () => {
    const declined = decidedEvent({ outcome: 'no-further-action' }, 'Below threshold');
    referralSpec
      .given([submittedEvent(), declined])
      .when(onReferral(request()))
      .then([referralEvent(requested())]);
    referralSpec
      .given([submittedEvent(), declined, referralEvent(requested())])
      .when(onReferral(approve(admin('admin-1'))))
      .thenThrows({ code: 'forbidden', messageIncludes: 'four eyes' });
    referralSpec
      .given([submittedEvent(), declined, referralEvent(requested())])
      .when(onReferral(approve()))
      .then([referralEvent(erased())]);
  });

  it('refuses a referral that led to a notification: its incident is erased instead, covering it', () => {
    referralSpec
      .given([submittedEvent(), decidedEvent({ outcome: 'notify', incidentId: INCIDENT_ID })])
      .when(onReferral(request()))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'erase the incident' });
  });

  it('refuses non-admins and unknown referrals; after erasure the referral cannot change', () => {
    referralSpec
      .given([submittedEvent()])
      .when(onReferral(request(partnershipContext())))
      .thenThrows({ code: 'forbidden' });
    referralSpec.given([]).when(onReferral(request())).thenThrows({ code: 'not_found' });
    referralSpec
      .given([submittedEvent(), referralEvent(requested()), referralEvent(erased())])
      .when(decideCommand({ outcome: 'no-further-action', reasons: 'x' } as never))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'erased' });
  });
});

describe('erasure of a review (non-statutory and thematic ones need no incident)', () => {
  const reviewSpec = deciderSpec(reviewDecider);
  const REVIEW = nonStatutoryCommissioned.data.reviewId;
  const onReview = <C extends { data: object }>(command: C) =>
    ({ ...command, data: { ...withoutIncident(command.data), reviewId: REVIEW } }) as unknown as ReviewCommand;
  const reviewEvent = (event: IncidentEvent) =>
    ({ ...event, data: { ...withoutIncident(event.data), reviewId: REVIEW } }) as unknown as ReviewEvent;

  it('erases a non-statutory review through request and approval by two admins', () => {
    reviewSpec
      .given([nonStatutoryCommissioned])
      .when(onReview(request()))
      .then([reviewEvent(requested())]);
    reviewSpec
      .given([nonStatutoryCommissioned, reviewEvent(requested())])
      .when(onReview(approve()))
      .then([reviewEvent(erased())]);
    expect(
      reviewSpec.given([nonStatutoryCommissioned, reviewEvent(requested()), reviewEvent(erased())]).state(),
    ).toMatchObject({ personalDataErased: true, erasureRequest: null });
    reviewSpec
      .given([nonStatutoryCommissioned, reviewEvent(requested()), reviewEvent(erased())])
      .when(onReview(request(admin('admin-3'))))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'already' });
  });

  it('erases a national thematic review too; refuses unknown reviews and non-admins', () => {
    const THEMATIC = nationalThematic.data.reviewId;
    reviewSpec
      .given([nationalThematic])
      .when({ ...onReview(request()), data: { reviewId: THEMATIC, legalBasis: 'court-order' } } as ReviewCommand)
      .then([
        {
          ...reviewEvent(requested()),
          data: { reviewId: THEMATIC, requestedBy: 'admin-1', legalBasis: 'court-order', requestedAt: NOW },
        } as ReviewEvent,
      ]);
    reviewSpec.given([]).when(onReview(request())).thenThrows({ code: 'not_found' });
    reviewSpec
      .given([nonStatutoryCommissioned])
      .when(onReview(request(partnershipContext())))
      .thenThrows({ code: 'forbidden' });
  });
});
