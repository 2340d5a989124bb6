/**
 * Checks the rapid review content (docs/architecture.md "Domain facts", "Rapid review contents") and derives what the Panel reads first.
 */
import type { LocalReviewCriteria, NationalCriteria, RapidReviewCompleted } from './incident-events';
import type { SubmitRapidReview } from './incident-commands';
import { AGENCIES, LOCAL_REVIEW_DECISIONS, PARALLEL_PROCESSES } from './incident-vocabulary';
import { validationError } from '../shared/domain-error';
import {
  FREE_TEXT_MAX,
  requireArray,
  requireBoolean,
  requireDistinct,
  requireOneOf,
  requireString,
} from '../shared/validate';

const objectAt = (value: unknown, field: string): Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw validationError(field, `${field} is required`);
  return value as Record<string, unknown>;
};

const parseLocalCriteria = (value: unknown): LocalReviewCriteria => {
  const input = objectAt(value, 'localCriteria');
  return {
    improvementsNeeded: requireBoolean(input.improvementsNeeded, 'localCriteria.improvementsNeeded'),
    recurrentThemes: requireBoolean(input.recurrentThemes, 'localCriteria.recurrentThemes'),
    multiAgencyConcerns: requireBoolean(input.multiAgencyConcerns, 'localCriteria.multiAgencyConcerns'),
    panelSuggested: requireBoolean(input.panelSuggested, 'localCriteria.panelSuggested'),
  };
};

const parseNationalCriteria = (value: unknown): NationalCriteria => {
  const input = objectAt(value, 'nationalCriteria');
  return {
    improvementsNeeded: requireBoolean(input.improvementsNeeded, 'nationalCriteria.improvementsNeeded'),
    lawOrGuidanceChanges: requireBoolean(input.lawOrGuidanceChanges, 'nationalCriteria.lawOrGuidanceChanges'),
    recurrentThemes: requireBoolean(input.recurrentThemes, 'nationalCriteria.recurrentThemes'),
  };
};

const PARTNERS = ['localAuthority', 'integratedCareBoard', 'police'] as const;

/**
 * The content of a submission, minimised part and personal part. Rules chosen here:
 * - a `local-review` decision needs at least one of the four local criteria: the decision must rest on one;
 * - `no-local-review` with criteria ticked is allowed: partners may judge a criterion met and still decide
 *   otherwise, and must say why in `decisionReasons`;
 * - all three safeguarding partners must have signed off (the rapid review is their joint submission), each
 *   with a named signatory;
 * - every agency summary is for an agency listed in `agenciesInvolved`.
 */
export const parseRapidReview = (data: SubmitRapidReview['data']) => {
  const parallelProcesses = requireArray<string>(
    data.parallelProcesses,
    'parallelProcesses',
    0,
    PARALLEL_PROCESSES.length,
  ).map((p, i) => requireOneOf(p, `parallelProcesses.${i}`, PARALLEL_PROCESSES));
  requireDistinct(parallelProcesses, 'parallelProcesses');
  const agenciesInvolved = requireArray<string>(data.agenciesInvolved, 'agenciesInvolved', 1, AGENCIES.length).map(
    (a, i) => requireOneOf(a, `agenciesInvolved.${i}`, AGENCIES),
  );
  requireDistinct(agenciesInvolved, 'agenciesInvolved');

  const localReviewDecision = requireOneOf(data.localReviewDecision, 'localReviewDecision', LOCAL_REVIEW_DECISIONS);
  const localCriteria = parseLocalCriteria(data.localCriteria);
  if (localReviewDecision === 'local-review' && !Object.values(localCriteria).some(Boolean)) {
    throw validationError(
      'localCriteria',
      'localCriteria: a local-review decision needs at least one local criterion met',
    );
  }
  const nationalCriteria = parseNationalCriteria(data.nationalCriteria);

  const signedOffInput = objectAt(data.signedOff, 'signedOff');
  const signatoriesInput = objectAt(data.signatories, 'signatories');
  const signedOff = { localAuthority: true, integratedCareBoard: true, police: true };
  const signatories = { localAuthority: '', integratedCareBoard: '', police: '' };
  for (const partner of PARTNERS) {
    if (requireBoolean(signedOffInput[partner], `signedOff.${partner}`) !== true) {
      throw validationError(
        `signedOff.${partner}`,
        `signedOff.${partner}: all three safeguarding partners must sign off a rapid review`,
      );
    }
    signatories[partner] = requireString(signatoriesInput[partner], `signatories.${partner}`);
  }

  const agencySummaries = requireArray<{ agency: string; summary: string }>(
    data.agencySummaries,
    'agencySummaries',
    0,
    AGENCIES.length,
  ).map((s, i) => {
    const item = objectAt(s, `agencySummaries.${i}`);
    const agency = requireOneOf(item.agency, `agencySummaries.${i}.agency`, AGENCIES);
    if (!agenciesInvolved.includes(agency)) {
      throw validationError(
        `agencySummaries.${i}.agency`,
        `agencySummaries.${i}.agency must be one of agenciesInvolved`,
      );
    }
    return { agency, summary: requireString(item.summary, `agencySummaries.${i}.summary`, FREE_TEXT_MAX) };
  });
  requireDistinct(agencySummaries, 'agencySummaries', (s) => s.agency);

  const text = (
    field:
      | 'facts'
      | 'keyPracticeEpisodes'
      | 'livedExperience'
      | 'immediateActions'
      | 'learningIdentified'
      | 'decisionReasons',
  ) => requireString(data[field], field, FREE_TEXT_MAX);

  const minimised: Omit<RapidReviewCompleted['data'], 'incidentId' | 'submittedAt' | 'submittedOn' | 'submission'> = {
    parallelProcesses,
    agenciesInvolved,
    localReviewDecision,
    localCriteria,
    nationalCriteria,
    nationalCriteriaMayBeMet: Object.values(nationalCriteria).some(Boolean),
    signedOff,
  };
  const personal: RapidReviewCompleted['personal'] = {
    facts: text('facts'),
    agencySummaries,
    keyPracticeEpisodes: text('keyPracticeEpisodes'),
    livedExperience: text('livedExperience'),
    immediateActions: text('immediateActions'),
    learningIdentified: text('learningIdentified'),
    decisionReasons: text('decisionReasons'),
    signatories,
  };
  return { minimised, personal };
};
