/**
 * Valid commands and their events for the incident specs. The names are obviously invented; tests assert that
 * error messages never carry them.
 */
import type { IncidentNotified, PanelResponded, RapidReviewCompleted } from './incident-events';
import type { NotifyIncident, SubmitRapidReview } from './incident-commands';
import type { CommandContext, Role } from '../shared/types';

export const TODAY = '2026-03-10';
export const NOW = '2026-03-10T09:30:00Z';
export const INCIDENT_ID = '6f1c1f9e-0000-4000-8000-000000000001';
export const CHILD_NAME = 'Zephyrina Testchild';
export const CHILD_DOB = '2019-06-15';

export const partnershipContext = (
  partnershipId = 'leeds',
  overrides: Partial<CommandContext> = {},
): CommandContext => ({
  actor: { userId: `user-${partnershipId}`, role: 'partnership', partnershipId },
  now: NOW,
  today: TODAY,
  ...overrides,
});

export const roleContext = (role: Role, userId = `user-${role}`): CommandContext => ({
  actor: { userId, role },
  now: NOW,
  today: TODAY,
});

export const notifyCommand = (
  overrides: Partial<NotifyIncident['data']> = {},
  context = partnershipContext(),
): NotifyIncident => ({
  type: 'NotifyIncident',
  data: {
    incidentId: INCIDENT_ID,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    nature: 'serious-harm',
    becameAwareOn: '2026-03-05',
    incidentOn: '2026-03-04',
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
    notifier: { name: 'Notifier Person', role: 'Head of service', email: 'notifier@leeds.gov.uk' },
    location: 'Home address',
    caseOutline: 'Outline of the case.',
    ...overrides,
  },
  context,
  reference: { partnershipLocalAuthorities: ['E08000035'] },
});

export const notifiedEvent = (overrides: Partial<IncidentNotified['data']> = {}): IncidentNotified => ({
  type: 'IncidentNotified',
  schemaVersion: 1,
  data: {
    incidentId: INCIDENT_ID,
    partnershipId: 'leeds',
    localAuthorityCode: 'E08000035',
    nature: 'serious-harm',
    becameAwareOn: '2026-03-05',
    incidentOn: '2026-03-04',
    notifiedAt: NOW,
    notifiedOn: TODAY,
    guidanceEdition: 'panel-guidance-2025',
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
    ...overrides,
  },
  personal: {
    notifier: { name: 'Notifier Person', role: 'Head of service', email: 'notifier@leeds.gov.uk' },
    location: 'Home address',
    caseOutline: 'Outline of the case.',
    children: [{ childRef: 'child-1', name: CHILD_NAME, dateOfBirth: CHILD_DOB }],
  },
});

export const rapidReviewCommand = (
  overrides: Partial<SubmitRapidReview['data']> = {},
  context = partnershipContext(),
): SubmitRapidReview => ({
  type: 'SubmitRapidReview',
  data: {
    incidentId: INCIDENT_ID,
    parallelProcesses: ['police-investigation'],
    agenciesInvolved: ['police', 'health'],
    localReviewDecision: 'local-review',
    localCriteria: {
      improvementsNeeded: true,
      recurrentThemes: false,
      multiAgencyConcerns: true,
      panelSuggested: false,
    },
    nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: true, recurrentThemes: false },
    signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
    facts: 'Facts.',
    agencySummaries: [{ agency: 'police', summary: 'Police involvement.' }],
    keyPracticeEpisodes: 'Episodes.',
    livedExperience: 'Lived experience.',
    immediateActions: 'Actions.',
    learningIdentified: 'Learning.',
    decisionReasons: 'Reasons.',
    signatories: { localAuthority: 'DCS', integratedCareBoard: 'ICB lead', police: 'Superintendent' },
    ...overrides,
  },
  context,
});

export const rapidReviewEvent = (
  submission = 1,
  decision: 'local-review' | 'no-local-review' = 'local-review',
): RapidReviewCompleted => ({
  type: 'RapidReviewCompleted',
  schemaVersion: 1,
  data: {
    incidentId: INCIDENT_ID,
    submittedAt: NOW,
    submittedOn: TODAY,
    parallelProcesses: ['police-investigation'],
    agenciesInvolved: ['police', 'health'],
    localReviewDecision: decision,
    localCriteria: {
      improvementsNeeded: true,
      recurrentThemes: false,
      multiAgencyConcerns: true,
      panelSuggested: false,
    },
    nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: true, recurrentThemes: false },
    nationalCriteriaMayBeMet: true,
    signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
    submission,
  },
  personal: {
    facts: 'Facts.',
    agencySummaries: [{ agency: 'police', summary: 'Police involvement.' }],
    keyPracticeEpisodes: 'Episodes.',
    livedExperience: 'Lived experience.',
    immediateActions: 'Actions.',
    learningIdentified: 'Learning.',
    decisionReasons: 'Reasons.',
    signatories: { localAuthority: 'DCS', integratedCareBoard: 'ICB lead', police: 'Superintendent' },
  },
});

export const panelRespondedEvent = (
  outcome: PanelResponded['data']['outcome'],
  incidentId = INCIDENT_ID,
): PanelResponded => ({
  type: 'PanelResponded',
  schemaVersion: 1,
  data: {
    incidentId,
    respondedAt: NOW,
    respondedOn: TODAY,
    outcome,
    ...(outcome === 'national-thematic-review' ? { thematicReviewTitle: 'Theme' } : {}),
  },
  personal: { comments: '' },
});
