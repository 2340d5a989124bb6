/** Given referral events / when a referral command / then events or error. */
import { describe, expect, it } from 'vitest';
import { referralDecider } from './referral-decide';
import type { SubmitReferral } from './referral-commands';
import type { ReferralWithdrawn } from './referral-events';
import {
  REFERRAL_ID,
  WHAT_HAPPENED,
  decideCommand,
  decidedEvent,
  extendedContext,
  policeReferrer,
  subGroup,
  submitCommand,
  submittedEvent,
} from './referral-test-fixtures';
import { CHILD_NAME, NOW, TODAY } from '../incident/incident-test-fixtures';
import { deciderSpec, malformed } from '../shared/decider-spec';
import { PHONE_MAX } from '../shared/input-limits';

const spec = deciderSpec(referralDecider);
const withdrawn: ReferralWithdrawn = {
  type: 'ReferralWithdrawn',
  schemaVersion: 1,
  data: { referralId: REFERRAL_ID, partnershipId: 'leeds', withdrawnAt: NOW, withdrawnOn: TODAY },
  personal: { reason: 'Sent twice' },
};
const withdraw = (context = policeReferrer()) => ({
  type: 'WithdrawReferral' as const,
  data: { referralId: REFERRAL_ID, reason: 'Sent twice' },
  context,
});

describe('SubmitReferral', () => {
  it('records a police referral: minimised facts in data, what happened and names in personal, age band computed', () => {
    spec.given([]).when(submitCommand()).then([submittedEvent()]);
  });

  it('leaves the referral awaiting the sub-group', () => {
    expect(spec.given([submittedEvent()]).state()).toMatchObject({
      status: 'submitted',
      decision: null,
      becameAwareOn: '2026-03-03',
      referredBy: 'officer-1',
    });
  });

  it('is for an agency referrer tied to that partnership only', () => {
    spec
      .given([])
      .when(submitCommand({}, policeReferrer('york')))
      .thenThrows({ code: 'forbidden' });
    for (const role of ['partnership', 'panel', 'ofsted', 'admin', 'dfe'] as const) {
      spec
        .given([])
        .when(submitCommand({}, extendedContext(role, 'leeds')))
        .thenThrows({ code: 'forbidden' });
    }
  });

  it.each([
    ['agency', { agency: 'fire-service' }],
    ['criteriaView', { criteriaView: 'maybe' }],
    ['dslConsulted', { dslConsulted: 'yes' }],
    ['becameAwareOn', { becameAwareOn: '2026-03-01' }],
    ['becameAwareOn', { becameAwareOn: '2026-03-11' }],
    ['localAuthorityCode', { localAuthorityCode: 'E08000036' }],
    ['children', { children: [] }],
    ['children.0.sex', { children: [{ ...submitCommand().data.children[0]!, sex: malformed('x') }] }],
    ['whatHappened', { whatHappened: ' ' }],
    ['agencyReasons', { agencyReasons: '' }],
    ['referrer.email', { referrer: { name: 'A', role: 'B', email: 'not-an-email' } }],
    [
      'referrer.phone',
      { referrer: { name: 'A', role: 'B', email: 'a@police.example', phone: '1'.repeat(PHONE_MAX + 1) } },
    ],
    ['incidentTime', { incidentTime: '25:00' }],
  ])('validates %s without echoing personal data', (field, data) => {
    spec
      .given([])
      .when(submitCommand(data as Partial<SubmitReferral['data']>))
      .thenThrows({ code: 'validation', field, messageExcludes: [CHILD_NAME, WHAT_HAPPENED] });
  });

  it('refuses a referral id already used', () => {
    spec.given([submittedEvent()]).when(submitCommand()).thenThrows({ code: 'illegal_state' });
  });

  it('refuses an unknown role as forbidden and a malformed context as validation', () => {
    spec
      .given([])
      .when(submitCommand({}, extendedContext(malformed('visitor'), 'leeds')))
      .thenThrows({ code: 'validation', field: 'context.actor.role' });
  });
});

describe('DecideReferral', () => {
  it('notify: records the decision and the incident the handler will notify', () => {
    spec.given([submittedEvent()]).when(decideCommand()).then([decidedEvent()]);
    expect(spec.given([submittedEvent(), decidedEvent()]).state()).toMatchObject({
      status: 'decided',
      decision: { outcome: 'notify', decidedOn: TODAY, incidentId: 'incident-from-referral' },
    });
  });

  it('alternative review: names the kind and the review to commission', () => {
    spec
      .given([submittedEvent()])
      .when(
        decideCommand({
          outcome: 'alternative-review',
          incidentId: undefined,
          reviewKind: 'multi-agency-learning-review',
          reviewId: 'review-l',
          reasons: 'Learning for agencies.',
        }),
      )
      .then([
        decidedEvent(
          {
            outcome: 'alternative-review',
            incidentId: undefined,
            reviewKind: 'multi-agency-learning-review',
            reviewId: 'review-l',
          },
          'Learning for agencies.',
        ),
      ]);
  });

  it('no further action needs reasons, kept personal; the referrer sees the outcome', () => {
    spec
      .given([submittedEvent()])
      .when(decideCommand({ outcome: 'no-further-action', incidentId: undefined }))
      .thenThrows({ code: 'validation', field: 'reasons' });
    const [event] = spec
      .given([submittedEvent()])
      .when(decideCommand({ outcome: 'no-further-action', incidentId: undefined, reasons: 'Criteria not met.' }))
      .events();
    expect(event).toMatchObject({ data: { outcome: 'no-further-action' }, personal: { reasons: 'Criteria not met.' } });
    expect(spec.given([submittedEvent(), event!]).state()).toMatchObject({
      decision: { outcome: 'no-further-action' },
    });
  });

  it.each([
    ['incidentId', { outcome: 'notify', incidentId: undefined }],
    ['reviewKind', { outcome: 'notify', reviewKind: 'partnership-review' }],
    ['reviewKind', { outcome: 'alternative-review', incidentId: undefined, reviewKind: 'lcspr', reviewId: 'r' }],
    ['reviewId', { outcome: 'alternative-review', incidentId: undefined, reviewKind: 'partnership-review' }],
    ['incidentId', { outcome: 'alternative-review', reviewKind: 'partnership-review', reviewId: 'r' }],
    ['reviewId', { outcome: 'no-further-action', incidentId: undefined, reviewId: 'r', reasons: 'R' }],
    ['outcome', { outcome: 'later' }],
  ])('validates %s against the outcome', (field, data) => {
    spec
      .given([submittedEvent()])
      .when(decideCommand(malformed(data)))
      .thenThrows({ code: 'validation', field });
  });

  it('only the partnership the referral went to decides, once, and not after withdrawal', () => {
    spec
      .given([submittedEvent()])
      .when(decideCommand({}, subGroup('york')))
      .thenThrows({ code: 'forbidden' });
    spec.given([submittedEvent()]).when(decideCommand({}, policeReferrer())).thenThrows({ code: 'forbidden' });
    spec
      .given([submittedEvent()])
      .when(decideCommand({}, extendedContext('panel')))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([submittedEvent(), decidedEvent()])
      .when(decideCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'decided' });
    spec
      .given([submittedEvent(), withdrawn])
      .when(decideCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'withdrawn' });
    spec.given([]).when(decideCommand()).thenThrows({ code: 'not_found' });
  });
});

describe('WithdrawReferral', () => {
  it('the referrer withdraws before a decision; the reason is personal', () => {
    spec.given([submittedEvent()]).when(withdraw()).then([withdrawn]);
    expect(spec.given([submittedEvent(), withdrawn]).state()).toMatchObject({
      status: 'withdrawn',
      withdrawnOn: TODAY,
    });
  });

  it('refuses anyone but the referrer, and after the decision', () => {
    spec
      .given([submittedEvent()])
      .when(withdraw(extendedContext('agency', 'leeds', 'officer-2')))
      .thenThrows({ code: 'forbidden', messageIncludes: 'referrer' });
    spec.given([submittedEvent()]).when(withdraw(subGroup())).thenThrows({ code: 'forbidden' });
    spec.given([submittedEvent(), decidedEvent()]).when(withdraw()).thenThrows({ code: 'illegal_state' });
    spec
      .given([submittedEvent()])
      .when({ ...withdraw(), data: { referralId: REFERRAL_ID, reason: '' } })
      .thenThrows({ code: 'validation', field: 'reason' });
  });
});

describe('referralDecider', () => {
  it('refuses an unknown command loudly and ignores events on an empty stream', () => {
    expect(() =>
      referralDecider.decide(malformed({ type: 'Nope', context: subGroup() }), referralDecider.initialState()),
    ).toThrow(/Unhandled referral command/);
    expect(spec.given([decidedEvent()]).state()).toEqual({ status: 'none' });
  });
});

describe('command and event type lists', () => {
  it('name every command the deciders switch on', async () => {
    const { REFERRAL_COMMAND_TYPES } = await import('./referral-vocabulary');
    const { REVIEW_COMMAND_TYPES, REVIEW_EVENT_TYPES } = await import('../review/review-vocabulary');
    expect([...REFERRAL_COMMAND_TYPES].sort()).toEqual([
      'ApproveErasure',
      'CancelErasureRequest',
      'DecideReferral',
      'RequestErasure',
      'SubmitReferral',
      'WithdrawReferral',
    ]);
    expect(new Set(REVIEW_COMMAND_TYPES).size).toBe(19);
    expect(new Set(REVIEW_EVENT_TYPES).size).toBe(19);
  });
});
