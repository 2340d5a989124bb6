/**
 * The closed value lists of the incident events, as run-time arrays: deciders validate input against them and the
 * gateway can build its enums from them. `satisfies` plus the `Exhaustive` check keep each list equal to its type.
 */
import type {
  AgeBand,
  AmendmentReason,
  Agency,
  Ethnicity,
  GuidanceEdition,
  IncidentNature,
  PanelOutcome,
  ParallelProcess,
  Placement,
  Sex,
  WithdrawalReason,
  YesNoNotKnown,
} from './incident-events';

type Exhaustive<T extends string, List extends readonly T[]> = [T] extends [List[number]] ? List : never;

const list =
  <T extends string>() =>
  <const L extends readonly T[]>(values: Exhaustive<T, L>) =>
    values;

export const INCIDENT_NATURES = list<IncidentNature>()([
  'child-death',
  'serious-harm',
  'other-harm-caused-by-child',
  'looked-after-child-death',
  'care-leaver-death',
]);
export const AGE_BANDS = list<AgeBand>()(['under-1', '1-5', '6-10', '11-15', '16-plus', 'unknown']);
export const SEXES = list<Sex>()(['female', 'male', 'not-known']);
export const ETHNICITIES = list<Ethnicity>()(['asian', 'black', 'mixed', 'white', 'other', 'not-known']);
export const YES_NO_NOT_KNOWN = list<YesNoNotKnown>()(['yes', 'no', 'not-known']);
export const PLACEMENTS = list<Placement>()(['at-home', 'foster-care', 'residential-home', 'hospital', 'other']);
export const GUIDANCE_EDITIONS = list<GuidanceEdition>()([
  'working-together-2018',
  'working-together-2023',
  'panel-guidance-2025',
]);
export const WITHDRAWAL_REASONS = list<WithdrawalReason>()(['duplicate', 'criteria-not-met', 'notified-in-error']);
export const AMENDMENT_REASONS = list<AmendmentReason>()([
  'correcting-a-mistake',
  'new-information',
  'child-details-corrected',
  'other',
]);
export const PARALLEL_PROCESSES = list<ParallelProcess>()([
  'police-investigation',
  'inquest',
  'child-death-review',
  'domestic-homicide-review',
  'safeguarding-adults-review',
]);
export const AGENCIES = list<Agency>()([
  'local-authority-childrens-social-care',
  'police',
  'health',
  'education',
  'probation',
  'housing',
  'voluntary-sector',
  'other',
]);
export const PANEL_OUTCOMES = list<PanelOutcome>()([
  'agreed',
  'reconsider',
  'national-review',
  'national-thematic-review',
]);
export const LOCAL_REVIEW_DECISIONS = ['local-review', 'no-local-review'] as const;

/** Natures for which no rapid review goes to the Panel (docs/architecture.md "Domain facts"): care leavers only when under 18. */
export const NATURES_WITHOUT_RAPID_REVIEW: readonly IncidentNature[] = [
  'looked-after-child-death',
  'care-leaver-death',
];

/** One notification holds one to four children (docs/architecture.md "Domain facts"), referenced `child-1` … `child-4`. */
export const CHILD_REFS = ['child-1', 'child-2', 'child-3', 'child-4'] as const;
