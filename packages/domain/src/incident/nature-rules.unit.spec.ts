import { describe, expect, it } from 'vitest';
import { incidentDecider } from './incident-decide';
import type { AmendNotification, DuplicateReference, NotifiedChild, WithdrawNotification } from './incident-commands';
import { deciderSpec } from '../shared/decider-spec';
import { computeDeadlines } from '../calendar/deadlines';
import { createEnglandAndWalesCalendar } from '../calendar/index';
import {
  INCIDENT_ID,
  NOW,
  notifiedEvent,
  notifyCommand,
  partnershipContext,
  roleContext,
} from './incident-test-fixtures';

const spec = deciderSpec(incidentDecider);
// The incident is on 4 March 2026: a date of birth of 4 March 2008 makes 18 that day, 5 March 2008 makes 17.
const child = (overrides: Partial<NotifiedChild> = {}): NotifiedChild => ({
  ...notifyCommand().data.children[0]!,
  ...overrides,
});
const aged = (ageInYears: number, overrides: Partial<NotifiedChild> = {}) => {
  const { dateOfBirth: _omitted, ...rest } = child(overrides);
  return { ...rest, ageInYears };
};
const refs = ['child-1', 'child-2', 'child-3', 'child-4'];

describe('NotifyIncident: one notification per incident, up to four children, whatever the nature', () => {
  it.each(['child-death', 'serious-harm', 'other-harm-caused-by-child'] as const)(
    'given nothing, when %s with four children, then one notification holds all four',
    (nature) => {
      const children = refs.map((childRef) => child({ childRef }));
      const [event] = spec.given([]).when(notifyCommand({ nature, children })).events();
      expect(event?.data).toMatchObject({ nature });
      expect((event?.data as { children: unknown[] }).children).toHaveLength(4);
    },
  );

  it('refuses a fifth child (further children go in the case outline)', () => {
    const children = [...refs, 'child-4'].map((childRef) => child({ childRef }));
    spec.given([]).when(notifyCommand({ children })).thenThrows({ code: 'validation', field: 'children' });
  });
});

describe('NotifyIncident: age against nature', () => {
  it('given a child death, refuses a young person of 18 naming the date of birth, and accepts 17', () => {
    spec
      .given([])
      .when(notifyCommand({ nature: 'child-death', children: [child({ dateOfBirth: '2008-03-04' })] }))
      .thenThrows({ code: 'validation', field: 'children.0.dateOfBirth', messageIncludes: 'under 18' });
    spec
      .given([])
      .when(notifyCommand({ nature: 'child-death', children: [child({ dateOfBirth: '2008-03-05' })] }))
      .events();
  });

  it.each(['serious-harm', 'other-harm-caused-by-child', 'looked-after-child-death'] as const)(
    'refuses %s of a 19-year-old naming ageInYears',
    (nature) => {
      spec
        .given([])
        .when(notifyCommand({ nature, children: [aged(19, { lookedAfter: true })] }))
        .thenThrows({ code: 'validation', field: 'children.0.ageInYears' });
    },
  );

  it('given a care leaver death, accepts 16 to 24 with DfE band, refuses 15 and 25', () => {
    for (const [age, band] of [
      [16, '16-21'],
      [21, '16-21'],
      [22, '22-24'],
      [24, '22-24'],
    ] as const) {
      const [event] = spec
        .given([])
        .when(notifyCommand({ nature: 'care-leaver-death', children: [aged(age)] }))
        .events();
      expect((event?.data as { children: { careLeaverAgeBand?: string }[] }).children[0]?.careLeaverAgeBand).toBe(band);
    }
    for (const age of [15, 25]) {
      spec
        .given([])
        .when(notifyCommand({ nature: 'care-leaver-death', children: [aged(age)] }))
        .thenThrows({ code: 'validation', field: 'children.0.ageInYears', messageIncludes: '16 to 24' });
    }
  });

  it('refuses under18 that disagrees with the age or date of birth', () => {
    spec
      .given([])
      .when(notifyCommand({ nature: 'care-leaver-death', children: [aged(19, { under18: true })] }))
      .thenThrows({ code: 'validation', field: 'children.0.under18' });
    spec
      .given([])
      .when(
        notifyCommand({
          nature: 'care-leaver-death',
          children: [child({ dateOfBirth: '2009-01-01', under18: false })],
        }),
      )
      .thenThrows({ code: 'validation', field: 'children.0.under18' });
    spec
      .given([])
      .when(notifyCommand({ nature: 'care-leaver-death', children: [aged(17, { under18: true })] }))
      .events();
  });

  it('refuses a child notification whose child is said to be 18 or over when the age is not known', () => {
    const { dateOfBirth: _omitted, ...unknownAge } = child({ under18: false });
    spec
      .given([])
      .when(notifyCommand({ nature: 'serious-harm', children: [unknownAge] }))
      .thenThrows({ code: 'validation', field: 'children.0.under18' });
  });

  it('refuses a looked-after child death whose child is not looked after; the child the harm relates to decides', () => {
    spec
      .given([])
      .when(notifyCommand({ nature: 'looked-after-child-death', children: [child({ lookedAfter: false })] }))
      .thenThrows({ code: 'validation', field: 'children.0.lookedAfter' });
    const children = [
      child({ childRef: 'child-1', lookedAfter: false }),
      child({ childRef: 'child-2', lookedAfter: true }),
    ];
    const [event] = spec
      .given([])
      .when(notifyCommand({ nature: 'looked-after-child-death', children, harmChildRef: 'child-2' }))
      .events();
    expect(event?.data).toMatchObject({ harmChildRef: 'child-2' });
    spec
      .given([])
      .when(notifyCommand({ nature: 'looked-after-child-death', children }))
      .thenThrows({ code: 'validation', field: 'children.0.lookedAfter' });
  });

  it('refuses a harmChildRef that names no child of the notification', () => {
    spec
      .given([])
      .when(notifyCommand({ harmChildRef: 'child-3' }))
      .thenThrows({ code: 'validation', field: 'harmChildRef' });
  });
});

describe('AmendNotification: the amended notification must still fit its nature', () => {
  const amend = (changes: AmendNotification['data']['changes']): AmendNotification => ({
    type: 'AmendNotification',
    data: { incidentId: INCIDENT_ID, reason: 'correcting-a-mistake', changes },
    context: partnershipContext(),
    reference: { partnershipLocalAuthorities: ['E08000035'] },
  });

  it('given a serious harm of a 6-year-old, refuses changing the nature to a care leaver death', () => {
    spec
      .given([notifiedEvent()])
      .when(amend({ nature: 'care-leaver-death' }))
      .thenThrows({ code: 'validation', field: 'changes.nature' });
  });

  it('given a child not looked after, refuses changing the nature to a looked-after child death', () => {
    spec
      .given([notifiedEvent()])
      .when(amend({ nature: 'looked-after-child-death' }))
      .thenThrows({ code: 'validation', field: 'children.0.lookedAfter' });
  });

  it('given children replaced, checks them against the nature too', () => {
    spec
      .given([notifiedEvent()])
      .when(amend({ children: [aged(20)] }))
      .thenThrows({ code: 'validation', field: 'changes.children.0.ageInYears' });
  });
});

describe('WithdrawNotification as a duplicate', () => {
  const duplicate = (
    duplicateOf: DuplicateReference['duplicateOf'],
    context = partnershipContext(),
  ): WithdrawNotification => ({
    type: 'WithdrawNotification',
    data: {
      incidentId: INCIDENT_ID,
      reason: 'duplicate',
      duplicateOfIncidentId: 'survivor',
      explanation: 'Victim and perpetrator notified apart.',
    },
    context,
    ...(duplicateOf ? { reference: { duplicateOf } } : {}),
  });

  it('given a surviving incident of the same partnership, then the withdrawal links to it', () => {
    const [event] = spec
      .given([notifiedEvent()])
      .when(duplicate({ status: 'notified', partnershipId: 'leeds' }))
      .events();
    expect(event?.data).toEqual({
      incidentId: INCIDENT_ID,
      withdrawnAt: NOW,
      reason: 'duplicate',
      duplicateOfIncidentId: 'survivor',
      duplicateOfPartnershipId: 'leeds',
      linkedBy: 'partnership',
    });
  });

  it('refuses an incident never notified, a withdrawn one, and one of another partnership', () => {
    spec
      .given([notifiedEvent()])
      .when(duplicate({ status: 'none' }))
      .thenThrows({ code: 'validation', field: 'duplicateOfIncidentId', messageIncludes: 'notified' });
    spec
      .given([notifiedEvent()])
      .when(duplicate(undefined))
      .thenThrows({ code: 'validation', field: 'duplicateOfIncidentId' });
    spec
      .given([notifiedEvent()])
      .when(duplicate({ status: 'withdrawn', partnershipId: 'leeds' }))
      .thenThrows({ code: 'validation', field: 'duplicateOfIncidentId', messageIncludes: 'withdrawn' });
    spec
      .given([notifiedEvent()])
      .when(duplicate({ status: 'notified', partnershipId: 'york' }))
      .thenThrows({ code: 'validation', field: 'duplicateOfIncidentId', messageIncludes: 'same partnership' });
  });

  it('the Panel may link across partnerships, and withdraws for no other reason', () => {
    const [event] = spec
      .given([notifiedEvent()])
      .when(duplicate({ status: 'notified', partnershipId: 'york' }, roleContext('panel')))
      .events();
    expect(event?.data).toMatchObject({ duplicateOfPartnershipId: 'york', linkedBy: 'panel' });
    spec
      .given([notifiedEvent()])
      .when({
        ...duplicate(undefined, roleContext('panel')),
        data: { incidentId: INCIDENT_ID, reason: 'notified-in-error', explanation: 'x' },
      })
      .thenThrows({ code: 'forbidden' });
  });
});

describe('clocks: statutory duty or guidance', () => {
  const calendar = createEnglandAndWalesCalendar();
  it('a care leaver death has the 5 working days as guidance, not a statutory deadline', () => {
    const [notification] = computeDeadlines({ 'became-aware': '2026-03-05' }, 'panel-guidance-2025', calendar, {
      nature: 'care-leaver-death',
    });
    expect(notification).toMatchObject({ kind: 'notification', dueOn: '2026-03-12', statutory: false });
    expect(notification?.rule.description).toMatch(/^Guidance, not a statutory deadline/);
    const [duty] = computeDeadlines({ 'became-aware': '2026-03-05' }, 'panel-guidance-2025', calendar, {
      nature: 'child-death',
    });
    expect(duty).toMatchObject({ kind: 'notification', statutory: true });
  });

  it("the 15-working-day rapid review is the Panel's expectation, not a statutory duty, in every edition", () => {
    for (const edition of ['working-together-2018', 'working-together-2023', 'panel-guidance-2025'] as const) {
      const rapid = computeDeadlines({ 'became-aware': '2026-03-05', notified: '2026-03-06' }, edition, calendar).find(
        (d) => d.kind === 'rapid-review',
      );
      expect(rapid).toMatchObject({ statutory: false });
      expect(rapid?.rule.description).toMatch(/^The Panel's expectation \(not a statutory duty\)/);
    }
  });
});
