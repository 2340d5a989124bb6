/** The rapid review's rules in plain words, and its GraphQL input. Sections follow domain.md "Rapid review contents". */
import type { FieldErrors } from '../app/components';
import { arr, str, type FormValues } from '../app/form-values';
import { AGENCIES, labelOf, LOCAL_CRITERIA, NATIONAL_CRITERIA, PARTNERS } from '../app/vocabulary';

const TEXT_SECTIONS: [string, string][] = [
  ['facts', 'Enter the facts of the case'],
  ['keyPracticeEpisodes', 'Describe the key practice episodes'],
  ['livedExperience', 'Describe the child’s lived experience and family context'],
  ['immediateActions', 'Describe the immediate safeguarding actions taken'],
  ['learningIdentified', 'Describe the learning identified'],
  ['decisionReasons', 'Give the reasons for the decision on a local review'],
];

export const validateRapidReview = (v: FormValues): FieldErrors => {
  const errors: FieldErrors = {};
  for (const [field, message] of TEXT_SECTIONS) if (!str(v, field).trim()) errors[field] = message;
  const agencies = arr(v, 'agenciesInvolved');
  if (!agencies.length) errors.agenciesInvolved = 'Select each agency that was involved with the child or family';
  for (const agency of agencies) {
    if (!str(v, `agencySummary-${agency}`).trim())
      errors[`agencySummary-${agency}`] = `Summarise how ${labelOf(AGENCIES, agency).toLowerCase()} was involved`;
  }
  const decision = str(v, 'localReviewDecision');
  if (!decision) errors.localReviewDecision = 'Select whether the partners will carry out a local review';
  if (decision === 'LOCAL_REVIEW' && !arr(v, 'localCriteria').length)
    errors.localCriteria = 'Select the criteria the local review meets';
  if (arr(v, 'signedOff').length < PARTNERS.length)
    errors.signedOff = 'All three safeguarding partners must sign off the rapid review before it is sent';
  for (const p of PARTNERS) {
    if (!str(v, `signatory-${p.value}`).trim())
      errors[`signatory-${p.value}`] = `Enter the name of the officer signing off for the ${p.label.toLowerCase()}`;
  }
  return errors;
};

const flags = (chosen: string[], options: { value: string }[]) =>
  Object.fromEntries(options.map((o) => [o.value, chosen.includes(o.value)]));

export const toRapidReviewInput = (incidentId: string, v: FormValues, commandId: string) => ({
  commandId,
  incidentId,
  facts: str(v, 'facts').trim(),
  parallelProcesses: arr(v, 'parallelProcesses'),
  agenciesInvolved: arr(v, 'agenciesInvolved'),
  agencySummaries: arr(v, 'agenciesInvolved').map((agency) => ({
    agency,
    summary: str(v, `agencySummary-${agency}`).trim(),
  })),
  keyPracticeEpisodes: str(v, 'keyPracticeEpisodes').trim(),
  livedExperience: str(v, 'livedExperience').trim(),
  immediateActions: str(v, 'immediateActions').trim(),
  learningIdentified: str(v, 'learningIdentified').trim(),
  localReviewDecision: str(v, 'localReviewDecision'),
  localCriteria: flags(arr(v, 'localCriteria'), LOCAL_CRITERIA),
  nationalCriteria: flags(arr(v, 'nationalCriteria'), NATIONAL_CRITERIA),
  decisionReasons: str(v, 'decisionReasons').trim(),
  signedOff: flags(arr(v, 'signedOff'), PARTNERS),
  signatories: Object.fromEntries(PARTNERS.map((p) => [p.value, str(v, `signatory-${p.value}`).trim()])),
});

/** `agencySummaries.1.summary` → the field id of that agency's summary; other paths map to their first segment. */
export const rapidReviewFieldId = (path: string, v: FormValues): string => {
  const parts = path.replace(/^input\./, '').split('.');
  if (parts[0] === 'agencySummaries' && parts[1] !== undefined)
    return `agencySummary-${arr(v, 'agenciesInvolved')[Number(parts[1])] ?? ''}`;
  if (parts[0] === 'signatories' && parts[1]) return `signatory-${parts[1]}`;
  return parts[0]!;
};
