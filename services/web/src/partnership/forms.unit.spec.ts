/** The rules of the notification and rapid review forms, in the words users read, and the inputs sent to the gateway. */
import { describe, expect, it } from 'vitest';
import { emptyChild, emptyNotify, fieldIdOf, toNotifyInput, validateNotify, type NotifyValues } from './notify-rules';
import { rapidReviewFieldId, toRapidReviewInput, validateRapidReview } from './rapid-review-rules';

const today = '2026-11-22';
const date = (day: string, month = '11', year = '2026') => ({ day, month, year });
const complete = (): NotifyValues => ({
  ...emptyNotify(),
  nature: 'SERIOUS_HARM',
  localAuthorityCode: 'e08000035',
  becameAwareOn: date('21'),
  incidentOn: date('20'),
  location: 'Home',
  caseOutline: 'Outline',
  notifierName: 'Sam',
  notifierRole: 'Lead',
  notifierEmail: 'sam@example.gov.uk',
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

describe('notification form', () => {
  it('passes a complete notification and builds the gateway input', () => {
    expect(validateNotify(complete(), today)).toEqual({});
    const input = toNotifyInput(complete(), 'cmd-1');
    expect(input).toMatchObject({
      commandId: 'cmd-1',
      localAuthorityCode: 'E08000035',
      becameAwareOn: '2026-11-21',
      incidentOn: '2026-11-20',
    });
    expect(input.children[0]).toEqual({
      childRef: 'child-1',
      name: 'A Child',
      ageInYears: 7,
      sex: 'FEMALE',
      ethnicity: 'WHITE',
      disability: 'NO',
      placement: 'AT_HOME',
      lookedAfter: false,
      childInNeedPlan: false,
      childProtectionPlan: true,
      knownToAgencies: 'YES',
    });
  });
  it('names every missing answer, per child', () => {
    const errors = validateNotify({ ...emptyNotify(), children: [emptyChild(), emptyChild()] }, today);
    expect(errors.nature).toBe('Select what happened to the child');
    expect(errors['children-1-name']).toBe('Enter the full name of child 2');
    expect(errors['children-1-sex']).toBe('Select the sex of child 2');
    expect(errors.notifierEmail).toBe('Enter your email address');
  });
  it('explains format and ordering rules', () => {
    const v = {
      ...complete(),
      localAuthorityCode: 'W06000015',
      incidentOn: date('22'),
      becameAwareOn: date('21'),
      notifierEmail: 'sam@',
      incidentTime: '25:00',
    };
    const errors = validateNotify(v, today);
    expect(errors.localAuthorityCode).toBe('Select a local authority from the list');
    expect(errors.incidentOn).toBe(
      'The incident date must be the same as or before the date the local authority became aware',
    );
    expect(errors.notifierEmail).toContain('correct format');
    expect(errors.incidentTime).toContain('24-hour clock');
  });
  it('asks for a date of birth or an age, not both', () => {
    const v = complete();
    v.children[0] = { ...v.children[0]!, dateOfBirth: date('1', '1', '2019'), ageInYears: '7' };
    expect(validateNotify(v, today)['children-0-ageInYears']).toBe(
      'Give either the date of birth or the age of child 1, not both',
    );
  });
  it('maps gateway field paths to form fields', () => {
    expect(fieldIdOf('input.children.1.name')).toBe('children-1-name');
    expect(fieldIdOf('notifier.email')).toBe('notifierEmail');
    expect(fieldIdOf('caseOutline')).toBe('caseOutline');
  });
});

describe('rapid review form', () => {
  const values = {
    facts: 'F',
    keyPracticeEpisodes: 'K',
    livedExperience: 'L',
    immediateActions: 'I',
    learningIdentified: 'Le',
    decisionReasons: 'D',
    agenciesInvolved: ['POLICE', 'HEALTH'],
    'agencySummary-POLICE': 'Police summary',
    'agencySummary-HEALTH': 'Health summary',
    parallelProcesses: ['INQUEST'],
    localReviewDecision: 'LOCAL_REVIEW',
    localCriteria: ['improvementsNeeded'],
    nationalCriteria: [],
    signedOff: ['localAuthority', 'integratedCareBoard', 'police'],
    'signatory-localAuthority': 'A',
    'signatory-integratedCareBoard': 'B',
    'signatory-police': 'C',
  };
  it('passes a complete rapid review and builds criteria as flags', () => {
    expect(validateRapidReview(values)).toEqual({});
    const input = toRapidReviewInput('inc-1', values, 'cmd');
    expect(input.agencySummaries).toEqual([
      { agency: 'POLICE', summary: 'Police summary' },
      { agency: 'HEALTH', summary: 'Health summary' },
    ]);
    expect(input.localCriteria).toEqual({
      improvementsNeeded: true,
      recurrentThemes: false,
      multiAgencyConcerns: false,
      panelSuggested: false,
    });
    expect(input.signedOff).toEqual({ localAuthority: true, integratedCareBoard: true, police: true });
  });
  it('needs a summary for each agency ticked, criteria for a local review, and all three sign-offs', () => {
    const errors = validateRapidReview({
      ...values,
      'agencySummary-HEALTH': ' ',
      localCriteria: [],
      signedOff: ['police'],
    });
    expect(errors['agencySummary-HEALTH']).toBe('Summarise how health was involved');
    expect(errors.localCriteria).toBe('Select the criteria the local review meets');
    expect(errors.signedOff).toBe('All three safeguarding partners must sign off the rapid review before it is sent');
  });
  it('maps gateway paths to the agency they concern', () => {
    expect(rapidReviewFieldId('input.agencySummaries.1.summary', values)).toBe('agencySummary-HEALTH');
    expect(rapidReviewFieldId('signatories.police', values)).toBe('signatory-police');
  });
});
