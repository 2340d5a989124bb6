import { describe, expect, it } from 'vitest';
import { incidentDecider } from './incident-decide';
import type { AmendNotification, NotificationChanges, WithdrawNotification } from './incident-commands';
import type { AmendmentReason } from './incident-events';
import type { IncidentEvent } from './incident-events';
import { deciderSpec } from '../shared/decider-spec';
import {
  CHILD_NAME,
  INCIDENT_ID,
  NOW,
  notifiedEvent,
  notifyCommand,
  partnershipContext,
  roleContext,
} from './incident-test-fixtures';

const spec = deciderSpec(incidentDecider);
const amend = (
  changes: NotificationChanges,
  context = partnershipContext(),
  reason: AmendmentReason = 'correcting-a-mistake',
): AmendNotification => ({
  type: 'AmendNotification',
  data: { incidentId: INCIDENT_ID, reason, changes },
  context,
  reference: { partnershipLocalAuthorities: ['E08000035', 'E08000036'] },
});
const withdraw = (
  data: Partial<WithdrawNotification['data']> = {},
  context = partnershipContext(),
): WithdrawNotification => ({
  type: 'WithdrawNotification',
  data: { incidentId: INCIDENT_ID, reason: 'notified-in-error', explanation: 'Sent by mistake.', ...data },
  context,
});
const withdrawn: IncidentEvent = {
  type: 'NotificationWithdrawn',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, withdrawnAt: NOW, reason: 'notified-in-error' },
  personal: { explanation: 'x' },
};
const erased: IncidentEvent = {
  type: 'PersonalDataErased',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, erasedAt: NOW, legalBasis: 'court-order', requestedBy: 'a1', approvedBy: 'a2' },
};
const linked: IncidentEvent = {
  type: 'IncidentLinkedToReview',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, reviewId: 'review-1', reviewKind: 'local', linkedAt: NOW },
};

describe('AmendNotification', () => {
  it('records the changed minimised fields and the personal fields given, naming both in changedFields', () => {
    spec
      .given([notifiedEvent()])
      .when(amend({ localAuthorityCode: 'E08000036', becameAwareOn: '2026-03-06', caseOutline: 'Corrected.' }))
      .then([
        {
          type: 'NotificationAmended',
          schemaVersion: 1,
          data: {
            incidentId: INCIDENT_ID,
            amendedAt: NOW,
            changes: { localAuthorityCode: 'E08000036', becameAwareOn: '2026-03-06' },
            changedFields: ['localAuthorityCode', 'becameAwareOn', 'personal.caseOutline'],
            reason: 'correcting-a-mistake',
          },
          personal: { caseOutline: 'Corrected.' },
        },
      ]);
  });

  it('replaces the children, recomputing the age band, with their personal data in the personal part', () => {
    const children = [{ ...notifyCommand().data.children[0]!, dateOfBirth: '2012-01-01' }];
    const [event] = spec.given([notifiedEvent()]).when(amend({ children })).events();
    expect(event).toMatchObject({
      data: {
        changes: { children: [{ childRef: 'child-1', ageBand: '11-15' }] },
        changedFields: ['children', 'personal.children'],
      },
      personal: { children: [{ childRef: 'child-1', name: CHILD_NAME, dateOfBirth: '2012-01-01' }] },
    });
  });

  it('records nothing when nothing changes', () => {
    spec
      .given([notifiedEvent()])
      .when(amend({ nature: 'serious-harm', localAuthorityCode: 'E08000035' }))
      .then([]);
  });

  it('the amended state is what later rules see', () => {
    const state = spec
      .given([
        notifiedEvent(),
        ...spec
          .given([notifiedEvent()])
          .when(amend({ nature: 'child-death' }))
          .events(),
      ])
      .state();
    expect(state).toMatchObject({ nature: 'child-death', localAuthorityCode: 'E08000035' });
  });

  it.each([
    ['becameAwareOn before incidentOn', { becameAwareOn: '2026-03-01' }, 'changes.becameAwareOn'],
    ['incidentOn after becameAwareOn', { incidentOn: '2026-03-06' }, 'changes.becameAwareOn'],
    ['becameAwareOn in the future', { becameAwareOn: '2026-03-11' }, 'changes.becameAwareOn'],
    ['incidentOn in the future', { incidentOn: '2026-03-12', becameAwareOn: '2026-03-12' }, 'changes.incidentOn'],
    ['malformed date', { incidentOn: '04/03/2026' }, 'changes.incidentOn'],
    ['bad nature', { nature: 'other' }, 'changes.nature'],
    ['LA of the wrong shape', { localAuthorityCode: 'E0800003' }, 'changes.localAuthorityCode'],
    ['LA not covered', { localAuthorityCode: 'E09000001' }, 'changes.localAuthorityCode'],
    ['a fifth child', { children: Array.from({ length: 5 }, () => notifyCommand().data.children[0]!) }, 'children'],
  ])('refuses %s', (_what, changes, field) => {
    spec
      .given([notifiedEvent()])
      .when(amend(changes as NotificationChanges))
      .thenThrows({ code: 'validation', field });
  });

  it('records why: the reason chosen travels in the plain part of the event', () => {
    const [event] = spec
      .given([notifiedEvent()])
      .when(amend({ nature: 'child-death' }, partnershipContext(), 'new-information'))
      .events();
    expect(event).toMatchObject({ data: { reason: 'new-information', changedFields: ['nature'] } });
  });

  it.each([
    ['no reason', null],
    ['a reason outside the list', 'because'],
  ])('refuses %s', (_what, reason) => {
    spec
      .given([notifiedEvent()])
      .when(amend({ nature: 'child-death' }, partnershipContext(), reason as AmendmentReason))
      .thenThrows({ code: 'validation', field: 'reason' });
  });

  it('refuses becameAwareOn after the day the incident was notified, even when that day has passed', () => {
    const later = partnershipContext('leeds', { today: '2026-03-20', now: '2026-03-20T10:00:00Z' });
    spec
      .given([notifiedEvent()])
      .when(amend({ becameAwareOn: '2026-03-15' }, later))
      .thenThrows({ code: 'validation', field: 'changes.becameAwareOn', messageIncludes: 'notification date' });
  });

  it('refuses before notification', () => {
    spec
      .given([])
      .when(amend({ caseOutline: 'x' }))
      .thenThrows({ code: 'not_found' });
  });

  it('refuses a withdrawn notification', () => {
    spec
      .given([notifiedEvent(), withdrawn])
      .when(amend({ caseOutline: 'x' }))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'withdrawn' });
  });

  it('refuses personal data after erasure, but still takes minimised corrections', () => {
    spec
      .given([notifiedEvent(), erased])
      .when(amend({ caseOutline: 'x' }))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'erased' });
    spec
      .given([notifiedEvent(), erased])
      .when(amend({ children: notifyCommand().data.children }))
      .thenThrows({ code: 'illegal_state' });
    const [event] = spec
      .given([notifiedEvent(), erased])
      .when(amend({ nature: 'child-death' }))
      .events();
    expect(event).toEqual({
      type: 'NotificationAmended',
      schemaVersion: 1,
      data: {
        incidentId: INCIDENT_ID,
        amendedAt: NOW,
        changes: { nature: 'child-death' },
        changedFields: ['nature'],
        reason: 'correcting-a-mistake',
      },
    });
  });

  it('refuses another partnership and every other role', () => {
    spec
      .given([notifiedEvent()])
      .when(amend({ caseOutline: 'x' }, partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
    for (const role of ['panel', 'ofsted', 'admin'] as const) {
      spec
        .given([notifiedEvent()])
        .when(amend({ caseOutline: 'x' }, roleContext(role)))
        .thenThrows({ code: 'forbidden' });
    }
  });
});

describe('WithdrawNotification', () => {
  it('records the withdrawal with its reason; the explanation is personal', () => {
    spec
      .given([notifiedEvent()])
      .when(withdraw())
      .then([{ ...withdrawn, personal: { explanation: 'Sent by mistake.' } } as IncidentEvent]);
  });

  it('records a duplicate with the incident it duplicates', () => {
    const command = {
      ...withdraw({ reason: 'duplicate', duplicateOfIncidentId: 'other-incident' }),
      reference: { duplicateOf: { status: 'notified' as const, partnershipId: 'leeds' } },
    };
    const [event] = spec.given([notifiedEvent()]).when(command).events();
    expect(event?.data).toEqual({
      incidentId: INCIDENT_ID,
      withdrawnAt: NOW,
      reason: 'duplicate',
      duplicateOfIncidentId: 'other-incident',
      duplicateOfPartnershipId: 'leeds',
      linkedBy: 'partnership',
    });
    expect(spec.given([notifiedEvent(), event!]).state()).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: 'duplicate', duplicateOfIncidentId: 'other-incident' },
    });
  });

  it.each([
    ['a duplicate without the other incident', { reason: 'duplicate' }, 'duplicateOfIncidentId'],
    ['a duplicate of itself', { reason: 'duplicate', duplicateOfIncidentId: INCIDENT_ID }, 'duplicateOfIncidentId'],
    [
      'another incident for a non-duplicate reason',
      { reason: 'criteria-not-met', duplicateOfIncidentId: 'other' },
      'duplicateOfIncidentId',
    ],
    ['an unknown reason', { reason: 'changed-mind' }, 'reason'],
    ['an empty explanation', { explanation: '' }, 'explanation'],
  ])('refuses %s', (_what, data, field) => {
    spec
      .given([notifiedEvent()])
      .when(withdraw(data as Partial<WithdrawNotification['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('refuses before notification, twice, once linked to a review and after erasure', () => {
    spec.given([]).when(withdraw()).thenThrows({ code: 'not_found' });
    spec.given([notifiedEvent(), withdrawn]).when(withdraw()).thenThrows({ code: 'illegal_state' });
    spec
      .given([notifiedEvent(), linked])
      .when(withdraw())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'linked to a review' });
    spec.given([notifiedEvent(), erased]).when(withdraw()).thenThrows({ code: 'illegal_state' });
  });

  it('refuses another partnership, the Panel (except to merge a duplicate), Ofsted and admins', () => {
    spec
      .given([notifiedEvent()])
      .when(withdraw({}, partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
    for (const role of ['panel', 'ofsted', 'admin'] as const) {
      spec
        .given([notifiedEvent()])
        .when(withdraw({}, roleContext(role)))
        .thenThrows({ code: 'forbidden' });
    }
  });
});
