/** Valid referral commands and events for the specs. Names are invented; specs assert errors never carry them. */
import type { DecideReferral, SubmitReferral } from './referral-commands';
import type { ReferralDecided, ReferralSubmitted } from './referral-events';
import { CHILD_DOB, CHILD_NAME, NOW, TODAY } from '../incident/incident-test-fixtures';
import type { CommandContext, Role } from '../shared/types';

export const REFERRAL_ID = '7a2d0c1e-0000-4000-8000-000000000009';
export const WHAT_HAPPENED = 'Officers found Quillon Testchild injured at home.';

export const extendedContext = (
  role: Role,
  partnershipId?: string,
  userId = `user-${role}-${partnershipId ?? 'x'}`,
): CommandContext => ({
  actor: { userId, role, ...(partnershipId !== undefined ? { partnershipId } : {}) },
  now: NOW,
  today: TODAY,
});
export const policeReferrer = (partnershipId = 'leeds') => extendedContext('agency', partnershipId, 'officer-1');
export const subGroup = (partnershipId = 'leeds') =>
  extendedContext('partnership', partnershipId, `user-${partnershipId}`);

export const submitCommand = (
  overrides: Partial<SubmitReferral['data']> = {},
  context = policeReferrer(),
): SubmitReferral => ({
  type: 'SubmitReferral',
  data: {
    referralId: REFERRAL_ID,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    agency: 'police',
    nature: 'serious-harm',
    incidentOn: '2026-03-02',
    becameAwareOn: '2026-03-03',
    criteriaView: 'met',
    dslConsulted: true,
    children: [
      {
        childRef: 'child-1',
        name: CHILD_NAME,
        dateOfBirth: CHILD_DOB,
        sex: 'female',
        ethnicity: 'white',
        disability: 'no',
        placement: 'at-home',
        lookedAfter: false,
        childInNeedPlan: true,
        childProtectionPlan: false,
        knownToAgencies: 'yes',
      },
    ],
    referrer: { name: 'Officer Referrer', role: 'Detective sergeant', email: 'ds@police.example' },
    whatHappened: WHAT_HAPPENED,
    agencyReasons: 'Injuries consistent with abuse.',
    location: 'Home address',
    ...overrides,
  },
  context,
  reference: { partnershipLocalAuthorities: ['E08000035'] },
});

export const submittedEvent = (): ReferralSubmitted => ({
  type: 'ReferralSubmitted',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    agency: 'police',
    referredBy: 'officer-1',
    submittedAt: NOW,
    submittedOn: TODAY,
    nature: 'serious-harm',
    incidentOn: '2026-03-02',
    becameAwareOn: '2026-03-03',
    criteriaView: 'met',
    dslConsulted: true,
    children: [
      {
        childRef: 'child-1',
        ageBand: '6-10',
        sex: 'female',
        ethnicity: 'white',
        disability: 'no',
        placement: 'at-home',
        lookedAfter: false,
        childInNeedPlan: true,
        childProtectionPlan: false,
        knownToAgencies: 'yes',
      },
    ],
  },
  personal: {
    referrer: { name: 'Officer Referrer', role: 'Detective sergeant', email: 'ds@police.example' },
    whatHappened: WHAT_HAPPENED,
    agencyReasons: 'Injuries consistent with abuse.',
    location: 'Home address',
    children: [{ childRef: 'child-1', name: CHILD_NAME, dateOfBirth: CHILD_DOB }],
  },
});

export const decideCommand = (data: Partial<DecideReferral['data']> = {}, context = subGroup()): DecideReferral => ({
  type: 'DecideReferral',
  data: { referralId: REFERRAL_ID, outcome: 'notify', incidentId: 'incident-from-referral', ...data },
  context,
});

export const decidedEvent = (data: Partial<ReferralDecided['data']> = {}, reasons?: string): ReferralDecided => ({
  type: 'ReferralDecided',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    partnershipId: 'leeds',
    decidedAt: NOW,
    decidedOn: TODAY,
    outcome: 'notify',
    incidentId: 'incident-from-referral',
    ...data,
  },
  ...(reasons !== undefined ? { personal: { reasons } } : {}),
});
