/** The agency referral and sub-group decision forms: their rules in users' words and the inputs sent to the gateway. */
import { describe, expect, it } from 'vitest';
import { emptyChild } from '../partnership/notify-rules';
import {
  decisionFieldIdOf,
  readDecisionForm,
  toDecisionInput,
  validateDecision,
  type DecisionValues,
} from './decision-rules';
import {
  emptyReferral,
  referralFieldIdOf,
  toReferralInput,
  validateReferral,
  type ReferralValues,
} from './referral-rules';
import { outcomeInWords } from './referral-vocabulary';

const today = '2026-11-22';
const date = (day: string) => ({ day, month: '11', year: '2026' });
const complete = (): ReferralValues => ({
  ...emptyReferral(),
  agency: 'POLICE',
  nature: 'SERIOUS_HARM',
  localAuthorityCode: 'E08000035',
  becameAwareOn: date('21'),
  incidentOn: date('20'),
  location: 'Home',
  caseOutline: 'Officers attended the home.',
  agencyReasons: 'Injuries were not explained.',
  criteriaView: 'MET',
  dslConsulted: 'true',
  notifierName: 'Pat Officer',
  notifierRole: 'Detective sergeant',
  notifierEmail: 'pat@example.police.uk',
  children: [
    {
      ...emptyChild(),
      name: 'A Child',
      ageInYears: '7',
      sex: 'FEMALE',
      ethnicity: 'WHITE',
      disability: 'NO',
      placement: 'AT_HOME',
      lookedAfter: 'false',
      childInNeedPlan: 'false',
      childProtectionPlan: 'true',
      knownToAgencies: 'YES',
    },
  ],
});

describe('agency referral form', () => {
  it('passes a complete referral and builds SubmitReferralInput without notification-only fields', () => {
    expect(validateReferral(complete(), today)).toEqual({});
    const input = toReferralInput(complete(), 'cmd-1');
    expect(input).toMatchObject({
      commandId: 'cmd-1',
      agency: 'POLICE',
      nature: 'SERIOUS_HARM',
      becameAwareOn: '2026-11-21',
      incidentOn: '2026-11-20',
      location: 'Home',
      whatHappened: 'Officers attended the home.',
      agencyReasons: 'Injuries were not explained.',
      criteriaView: 'MET',
      dslConsulted: true,
      referrer: { name: 'Pat Officer', role: 'Detective sergeant', email: 'pat@example.police.uk' },
    });
    expect(input.children).toHaveLength(1);
    expect(Object.keys(input)).not.toContain('caseOutline');
    expect(Object.keys(input)).not.toContain('notifier');
    expect(Object.keys(input)).not.toContain('supportingDocuments');
  });
  it('names every missing answer in a referrer’s words', () => {
    const errors = validateReferral(emptyReferral(), today);
    expect(errors.agency).toBe('Select your agency');
    expect(errors.becameAwareOn).toContain('the date your agency became aware');
    expect(errors.caseOutline).toBe('Enter what happened');
    expect(errors.agencyReasons).toBe('Enter why your agency is referring the case');
    expect(errors.criteriaView).toContain('meets the criteria');
    expect(errors.dslConsulted).toBe(
      'Select whether you have discussed the case with your designated safeguarding lead',
    );
    expect(errors['children-0-name']).toBe('Enter the full name of child 1');
  });
  it('asks the referrer to discuss the case with the designated safeguarding lead first', () => {
    expect(validateReferral({ ...complete(), dslConsulted: 'false' }, today).dslConsulted).toBe(
      'Discuss the case with your designated safeguarding lead before you refer it',
    );
  });
  it('maps gateway field paths to form fields', () => {
    expect(referralFieldIdOf('input.referrer.email')).toBe('notifierEmail');
    expect(referralFieldIdOf('input.whatHappened')).toBe('caseOutline');
    expect(referralFieldIdOf('children.0.name')).toBe('children-0-name');
  });
});

const decision = (over: Partial<DecisionValues>): DecisionValues => ({
  ...readDecisionForm(new URLSearchParams()),
  ...over,
});

describe('sub-group decision form', () => {
  it('asks for what each outcome needs', () => {
    expect(validateDecision(decision({}))).toEqual({ outcome: 'Select what the review sub-group has decided' });
    expect(Object.keys(validateDecision(decision({ outcome: 'NOTIFY' })))).toEqual([
      'notifierName',
      'notifierRole',
      'notifierEmail',
    ]);
    expect(
      validateDecision(decision({ outcome: 'NOTIFY', notifierName: 'S', notifierRole: 'Lead', notifierEmail: 'nope' }))
        .notifierEmail,
    ).toContain('correct format');
    expect(validateDecision(decision({ outcome: 'ALTERNATIVE_REVIEW' }))).toEqual({
      reviewKind: 'Select which kind of review the partnership will carry out',
    });
    expect(validateDecision(decision({ outcome: 'NO_FURTHER_ACTION' }))).toEqual({
      reasons: 'Enter the reasons for taking no further action',
    });
  });
  it('sends only the answers of the chosen outcome', () => {
    const filled = decision({
      notifierName: 'Sam',
      notifierRole: 'Lead',
      notifierEmail: 'sam@example.gov.uk',
      reviewKind: 'PARTNERSHIP_REVIEW',
      reasons: 'Text',
    });
    expect(toDecisionInput('r1', { ...filled, outcome: 'NOTIFY' }, 'c')).toEqual({
      commandId: 'c',
      referralId: 'r1',
      outcome: 'NOTIFY',
      notifier: { name: 'Sam', role: 'Lead', email: 'sam@example.gov.uk' },
    });
    expect(toDecisionInput('r1', { ...filled, outcome: 'ALTERNATIVE_REVIEW' }, 'c')).toEqual({
      commandId: 'c',
      referralId: 'r1',
      outcome: 'ALTERNATIVE_REVIEW',
      reviewKind: 'PARTNERSHIP_REVIEW',
    });
    expect(toDecisionInput('r1', { ...filled, outcome: 'NO_FURTHER_ACTION' }, 'c')).toEqual({
      commandId: 'c',
      referralId: 'r1',
      outcome: 'NO_FURTHER_ACTION',
      reasons: 'Text',
    });
    expect(decisionFieldIdOf('input.notifier.email')).toBe('notifierEmail');
    expect(decisionFieldIdOf('input.reasons')).toBe('reasons');
  });
});

describe('the outcome the referrer sees', () => {
  it('says what the sub-group decided, and when', () => {
    const decided = (outcome: string, reviewKind: string | null = null) => ({
      status: 'DECIDED',
      withdrawnOn: null,
      decision: { outcome, decidedOn: '2026-11-20', incidentId: null, reviewId: null, reviewKind },
    });
    expect(outcomeInWords({ status: 'SUBMITTED', withdrawnOn: null, decision: null })).toBe(
      'Waiting for the review sub-group to decide',
    );
    expect(outcomeInWords(decided('NOTIFY'))).toMatch(
      /^The partnership notified the Panel of a serious incident on 20 (Nov|November) 2026$/,
    );
    expect(outcomeInWords(decided('ALTERNATIVE_REVIEW', 'MULTI_AGENCY_LEARNING_REVIEW'))).toContain(
      'commissioned a multi-agency learning review',
    );
    expect(outcomeInWords(decided('NO_FURTHER_ACTION'))).toMatch(/^No further action on /);
  });
});
