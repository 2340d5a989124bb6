/**
 * A seeded reporting year (2026: April 2025 to March 2026) for the statistics specs, written as groups so the
 * expected DfE tables can be worked out by hand (see dfe-tables.unit.spec.ts).
 */
import type { ChildCharacteristics, IncidentNature, ReportingQuarter } from '@cspr/domain';
import type { NotificationFact } from './dfe-tables';

export const LEEDS = 'E08000035';
export const YORK = 'E06000014';
export const MANCHESTER = 'E08000003';
export const CAMDEN = 'E09000007';

const child = (overrides: Partial<ChildCharacteristics>): ChildCharacteristics => ({
  childRef: 'child-1',
  ageBand: 'unknown',
  sex: 'female',
  ethnicity: 'white',
  disability: 'no',
  placement: 'at-home',
  lookedAfter: false,
  childInNeedPlan: false,
  childProtectionPlan: false,
  knownToAgencies: 'yes',
  ...overrides,
});

type Group = [
  count: number,
  nature: IncidentNature,
  quarter: ReportingQuarter,
  la: string,
  within: boolean | null,
  child: Partial<ChildCharacteristics>,
  withdrawn?: boolean,
];

/** A: 12 deaths of babies; B: 8 and C: 6 serious harm; D: 2 other; E: 3 looked-after deaths; F: 1 looked-after death
 * with abuse; G: 4 care leavers (out of the main figures); H: 1 withdrawn (out of everything). */
export const SEEDED_GROUPS: Group[] = [
  [12, 'child-death', 'Q1', LEEDS, true, { ageBand: 'under-1', sex: 'male' }],
  [8, 'serious-harm', 'Q2', LEEDS, true, { ageBand: '1-5', ethnicity: 'mixed', childProtectionPlan: true }],
  [6, 'serious-harm', 'Q3', MANCHESTER, false, { ageBand: '11-15', ethnicity: 'black', childInNeedPlan: true }],
  [2, 'other-harm-caused-by-child', 'Q4', MANCHESTER, true, { ageBand: '16-plus', sex: 'male' }],
  [
    3,
    'looked-after-child-death',
    'Q2',
    CAMDEN,
    true,
    { ageBand: '16-plus', lookedAfter: true, placement: 'residential-home' },
  ],
  [1, 'child-death', 'Q3', YORK, false, { ageBand: '6-10', lookedAfter: true, placement: 'foster-care' }],
  [3, 'care-leaver-death', 'Q1', CAMDEN, null, { ageBand: '16-plus', careLeaverAgeBand: '16-21' }],
  [1, 'care-leaver-death', 'Q2', CAMDEN, null, { ageBand: '16-plus', careLeaverAgeBand: '22-24' }],
  [1, 'serious-harm', 'Q1', LEEDS, true, { ageBand: '1-5' }, true],
];

export const seededFacts = (reportingYear = 2026): NotificationFact[] =>
  SEEDED_GROUPS.flatMap(([count, nature, quarter, la, within, characteristics, withdrawn]) =>
    Array.from({ length: count }, () => ({
      reportingYear,
      quarter,
      nature,
      localAuthorityCode: la,
      child: child(characteristics),
      notifiedWithin5WorkingDays: within,
      withdrawn: withdrawn === true,
    })),
  );
