import { describe, expect, it } from 'vitest';
import { incidentDecider } from './incident-decide';
import { ageBandFor } from './notification-input';
import type { NotifiedChild, NotifyIncident } from './incident-commands';
import { deciderSpec, malformed } from '../shared/decider-spec';
import { PHONE_MAX } from '../shared/input-limits';
import {
  CHILD_DOB,
  CHILD_NAME,
  INCIDENT_ID,
  notifiedEvent,
  notifyCommand,
  partnershipContext,
  roleContext,
} from './incident-test-fixtures';

const spec = deciderSpec(incidentDecider);
const child = (overrides: Partial<NotifiedChild> = {}): NotifiedChild => ({
  ...notifyCommand().data.children[0]!,
  ...overrides,
});
const personalValues = [CHILD_NAME, CHILD_DOB, 'notifier@leeds.gov.uk'];

describe('NotifyIncident', () => {
  it('records the notification, minimised part apart from the personal part, age band computed at the incident date', () => {
    spec.given([]).when(notifyCommand()).then([notifiedEvent()]);
  });

  it('takes notifiedOn and notifiedAt from the command context, not from the input', () => {
    const context = partnershipContext('leeds', { now: '2026-03-09T23:30:00Z', today: '2026-03-09' });
    const [event] = spec.given([]).when(notifyCommand({}, context)).events();
    expect(event).toMatchObject({ data: { notifiedAt: '2026-03-09T23:30:00Z', notifiedOn: '2026-03-09' } });
  });

  it('records the guidance edition in force on the notification day, whatever the awareness date', () => {
    const context = partnershipContext('leeds', { now: '2025-05-30T09:00:00Z', today: '2025-05-30' });
    const [before] = spec
      .given([])
      .when(notifyCommand({ incidentOn: '2025-05-27', becameAwareOn: '2025-05-28' }, context))
      .events();
    expect(before?.data).toMatchObject({ guidanceEdition: 'working-together-2023' });
    const [after] = spec.given([]).when(notifyCommand()).events();
    expect(after?.data).toMatchObject({ becameAwareOn: '2026-03-05', guidanceEdition: 'panel-guidance-2025' });
  });

  it('refuses an edition chosen by the notifier unless it is the one in force (it would move the rapid-review clock)', () => {
    spec
      .given([])
      .when(notifyCommand({ guidanceEdition: 'working-together-2023' }))
      .thenThrows({ code: 'validation', field: 'guidanceEdition' });
    spec
      .given([])
      .when(notifyCommand({ guidanceEdition: 'panel-guidance-2025' }))
      .then([notifiedEvent()]);
  });

  it.each([
    [undefined, undefined, 'unknown'],
    ['2026-01-01', undefined, 'under-1'],
    ['2025-03-04', undefined, '1-5'],
    ['2025-03-05', undefined, 'under-1'],
    ['2015-03-04', undefined, '11-15'],
    [undefined, 16, '16-plus'],
    [undefined, 10, '6-10'],
  ])('computes age band from dateOfBirth %s / ageInYears %s as %s', (dateOfBirth, ageInYears, band) => {
    const [event] = spec
      .given([])
      .when(notifyCommand({ children: [child({ dateOfBirth, ageInYears })] }))
      .events();
    expect(event?.data).toMatchObject({ children: [{ ageBand: band }] });
  });

  it("keeps a child's age band edges: 1, 5, 6, 15 and 16 years", () => {
    expect([0, 1, 5, 6, 10, 11, 15, 16, 24].map(ageBandFor)).toEqual([
      'under-1',
      '1-5',
      '1-5',
      '6-10',
      '6-10',
      '11-15',
      '11-15',
      '16-plus',
      '16-plus',
    ]);
  });

  it('accepts up to four children with distinct refs', () => {
    const children = (['child-1', 'child-2', 'child-3', 'child-4'] as const).map((childRef) => child({ childRef }));
    const [event] = spec.given([]).when(notifyCommand({ children })).events();
    expect(event?.data).toMatchObject({ children: children.map(({ childRef }) => ({ childRef })) });
  });

  it('refuses a fifth child', () => {
    const children = (['child-1', 'child-2', 'child-3', 'child-4', 'child-4'] as const).map((childRef) =>
      child({ childRef }),
    );
    spec.given([]).when(notifyCommand({ children })).thenThrows({ code: 'validation', field: 'children' });
  });

  it('refuses no child', () => {
    spec
      .given([])
      .when(notifyCommand({ children: [] }))
      .thenThrows({ code: 'validation', field: 'children' });
  });

  it('refuses duplicate childRefs', () => {
    spec
      .given([])
      .when(notifyCommand({ children: [child(), child()] }))
      .thenThrows({ code: 'validation', field: 'children.1' });
  });

  it('refuses an unknown childRef', () => {
    spec
      .given([])
      .when(notifyCommand({ children: [child({ childRef: 'child-5' })] }))
      .thenThrows({ code: 'validation', field: 'children.0.childRef' });
  });

  it.each([
    ['sex', { sex: 'unknown' }, 'children.0.sex'],
    ['ethnicity', { ethnicity: 'x' }, 'children.0.ethnicity'],
    ['disability', { disability: true }, 'children.0.disability'],
    ['placement', { placement: 'prison' }, 'children.0.placement'],
    ['lookedAfter', { lookedAfter: 'no' }, 'children.0.lookedAfter'],
    ['childInNeedPlan', { childInNeedPlan: undefined }, 'children.0.childInNeedPlan'],
    ['childProtectionPlan', { childProtectionPlan: 1 }, 'children.0.childProtectionPlan'],
    ['knownToAgencies', { knownToAgencies: 'maybe' }, 'children.0.knownToAgencies'],
    ['under18', { under18: 'yes' }, 'children.0.under18'],
    ['name', { name: ' ' }, 'children.0.name'],
    ['dateOfBirth shape', { dateOfBirth: '15/06/2019' }, 'children.0.dateOfBirth'],
    ['dateOfBirth impossible', { dateOfBirth: '2019-02-30' }, 'children.0.dateOfBirth'],
    ['dateOfBirth after the incident', { dateOfBirth: '2026-03-05' }, 'children.0.dateOfBirth'],
    ['ageInYears negative', { ageInYears: -1, dateOfBirth: undefined }, 'children.0.ageInYears'],
    ['ageInYears fraction', { ageInYears: 2.5, dateOfBirth: undefined }, 'children.0.ageInYears'],
    ['ageInYears disagreeing with dateOfBirth', { ageInYears: 9 }, 'children.0.ageInYears'],
  ])('names the child field at fault (%s) and never its value', (_what, overrides, field) => {
    const children = [child(overrides as Partial<NotifiedChild>)];
    spec
      .given([])
      .when(notifyCommand({ children }))
      .thenThrows({ code: 'validation', field, messageExcludes: personalValues });
  });

  it('refuses a child older than care leavers can be', () => {
    spec
      .given([])
      .when(notifyCommand({ children: [child({ dateOfBirth: '1990-01-01' })] }))
      .thenThrows({ code: 'validation', field: 'children.0.dateOfBirth' });
  });

  it.each([
    ['incidentOn in the future', { incidentOn: '2026-03-11' }, 'incidentOn'],
    ['becameAwareOn in the future', { becameAwareOn: '2026-03-11', incidentOn: '2026-03-04' }, 'becameAwareOn'],
    ['becameAwareOn before incidentOn', { becameAwareOn: '2026-03-03' }, 'becameAwareOn'],
    ['incidentOn not a date', { incidentOn: '2026-3-4' }, 'incidentOn'],
    ['becameAwareOn not a date', { becameAwareOn: 'yesterday' }, 'becameAwareOn'],
  ])('refuses dates: %s', (_what, overrides, field) => {
    spec.given([]).when(notifyCommand(overrides)).thenThrows({ code: 'validation', field });
  });

  it('accepts all three dates on the same day', () => {
    const [event] = spec
      .given([])
      .when(
        notifyCommand({
          incidentOn: '2026-03-10',
          becameAwareOn: '2026-03-10',
          children: [child({ dateOfBirth: undefined })],
        }),
      )
      .events();
    expect(event?.data).toMatchObject({
      incidentOn: '2026-03-10',
      becameAwareOn: '2026-03-10',
      notifiedOn: '2026-03-10',
    });
  });

  it.each([
    ['nature', { nature: 'accident' }],
    ['guidanceEdition', { guidanceEdition: 'working-together-2015' }],
    ['incidentId', { incidentId: '' }],
    ['notifier.email', { notifier: { name: 'N', role: 'R', email: 'not-an-email' } }],
    ['notifier.name', { notifier: { name: '', role: 'R', email: 'n@x.gov.uk' } }],
    ['notifier.phone', { notifier: { name: 'N', role: 'R', email: 'n@x.gov.uk', phone: 'call me' } }],
    ['notifier.phone', { notifier: { name: 'N', role: 'R', email: 'n@x.gov.uk', phone: '1'.repeat(PHONE_MAX + 1) } }],
    ['notifier', { notifier: undefined }],
    ['location', { location: '' }],
    ['caseOutline', { caseOutline: '   ' }],
    ['incidentTime', { incidentTime: '25:00' }],
    ['supportingDocuments.0', { supportingDocuments: [''] }],
    ['localAuthorityCode', { localAuthorityCode: 'W06000001' }],
  ])('validates the shape of %s', (field, overrides) => {
    spec
      .given([])
      .when(notifyCommand(malformed(overrides)))
      .thenThrows({ code: 'validation', field });
  });

  it('refuses an LA the partnership does not cover', () => {
    spec
      .given([])
      .when(notifyCommand({ localAuthorityCode: 'E08000036' }))
      .thenThrows({
        code: 'validation',
        field: 'localAuthorityCode',
        messageIncludes: 'not a local authority covered',
      });
  });

  it('refuses every LA when the handler loaded no coverage', () => {
    spec
      .given([])
      .when({ ...notifyCommand(), reference: malformed<NotifyIncident['reference']>(undefined) })
      .thenThrows({ code: 'validation', field: 'localAuthorityCode' });
  });

  it('keeps the optional personal parts and the referral id', () => {
    const [event] = spec
      .given([])
      .when(notifyCommand({ incidentTime: '23:15', supportingDocuments: ['Police log'], referralId: 'ref-1' }))
      .events();
    expect(event).toMatchObject({
      data: { referralId: 'ref-1' },
      personal: { incidentTime: '23:15', supportingDocuments: ['Police log'] },
    });
  });

  it('refuses a stream that already exists', () => {
    spec
      .given([notifiedEvent()])
      .when(notifyCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: INCIDENT_ID });
  });

  it('refuses a partnership notifying for another partnership', () => {
    spec
      .given([])
      .when(notifyCommand({}, partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
  });

  it.each(['panel', 'ofsted', 'admin'] as const)('refuses the %s role', (role) => {
    spec
      .given([])
      .when(notifyCommand({}, roleContext(role)))
      .thenThrows({ code: 'forbidden' });
  });
});

describe('the contact limits are the shared input limits', () => {
  it('accepts a phone of exactly PHONE_MAX characters and refuses one more, for the notifier', () => {
    const notifier = (phone: string) => ({ name: 'N', role: 'R', email: 'n@x.gov.uk', phone });
    const longest = `+${'1'.repeat(PHONE_MAX - 1)}`;
    expect(
      spec
        .given([])
        .when(notifyCommand({ notifier: notifier(longest) }))
        .events(),
    ).toHaveLength(1);
    spec
      .given([])
      .when(notifyCommand({ notifier: notifier(`${longest}1`) }))
      .thenThrows({ code: 'validation', field: 'notifier.phone' });
  });
});
