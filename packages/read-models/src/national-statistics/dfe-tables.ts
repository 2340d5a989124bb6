/**
 * DfE's tables of serious incident notifications, computed from one fact per notification (pure). Method choices
 * (explore-education-statistics "Serious incident notifications" and issue 14):
 * - the unit is the notification, in the reporting year and quarter it was notified; withdrawn ones are left out;
 * - characteristics are those of one child, as at notification: the child the harm relates to, else the first listed;
 * - "Child death" counts deaths with abuse or neglect known or suspected and looked-after children's deaths without;
 *   the looked-after breakdown splits the two; elsewhere serious harm and other are combined;
 * - care-leaver deaths are out of every main figure (and the 16+ band and the timeliness share), in DfE's bands;
 * - timeliness counts notifications within 5 working days of the (earliest) became-aware date.
 * Every category of the frame is present, zeros included, so the set of rows never depends on the data.
 */
import type { ChildCharacteristics, IncidentNature, ReportingQuarter } from '@cspr/domain';
import { REPORTING_QUARTERS } from '@cspr/domain';

export type NotificationFact = {
  reportingYear: number;
  quarter: ReportingQuarter;
  nature: IncidentNature;
  localAuthorityCode: string;
  /** The counted child as at notification (null only for a corrupt event without children). */
  child: ChildCharacteristics | null;
  /** Null for care-leaver deaths (no statutory clock). */
  notifiedWithin5WorkingDays: boolean | null;
  withdrawn: boolean;
};

export const TOTAL = 'Total';
export const NATURES_TOTALS = [TOTAL, 'Child death', 'Serious harm', 'Other'] as const;
export const NATURES_COMBINED = [TOTAL, 'Child death', 'Serious harm and other'] as const;
export const NATURES_LOOKED_AFTER = [
  TOTAL,
  'Child death - abuse or neglect',
  'Child death - no abuse or neglect',
  'Serious harm and other',
] as const;
export const CARE_LEAVER_NATURE = 'Care leaver death';
export const CARE_LEAVER_TOPIC = 'Care leaver deaths';

type Child = ChildCharacteristics;
export type Topic = {
  topic: string;
  values: readonly string[];
  natures: readonly string[];
  of: (child: Child, fact: NotificationFact) => string;
};

const yesNoUnknown = (v: string) => (v === 'yes' ? 'Yes' : v === 'no' ? 'No' : 'Unknown');
const AGE: Record<string, string> = {
  'under-1': 'Under 1',
  '1-5': '1 to 5',
  '6-10': '6 to 10',
  '11-15': '11 to 15',
  '16-plus': '16 and over',
  unknown: 'Unknown',
};
const SEX: Record<string, string> = { female: 'Female', male: 'Male', 'not-known': 'Unknown' };
const ETHNICITY: Record<string, string> = {
  white: 'White',
  mixed: 'Mixed or multiple ethnic groups',
  asian: 'Asian or Asian British',
  black: 'Black or Black British',
  other: 'Other ethnic group',
  'not-known': 'Unknown',
};
const PLACEMENT: Record<string, string> = {
  'at-home': 'At home',
  'foster-care': 'Foster care',
  'residential-home': 'Residential home',
  hospital: 'Hospital',
  other: 'Other',
};
const values = (map: Record<string, string>) => [...new Set(Object.values(map))];

/** The breakdown topics in DfE's "Nature and characteristics of notifications", in a fixed order. */
export const TOPICS: readonly Topic[] = [
  { topic: 'Age', values: values(AGE), natures: NATURES_COMBINED, of: (c) => AGE[c.ageBand] ?? 'Unknown' },
  { topic: 'Sex', values: values(SEX), natures: NATURES_COMBINED, of: (c) => SEX[c.sex] ?? 'Unknown' },
  {
    topic: 'Ethnicity',
    values: values(ETHNICITY),
    natures: NATURES_COMBINED,
    of: (c) => ETHNICITY[c.ethnicity] ?? 'Unknown',
  },
  {
    topic: 'Disability',
    values: ['Yes', 'No', 'Unknown'],
    natures: NATURES_COMBINED,
    of: (c) => yesNoUnknown(c.disability),
  },
  {
    topic: 'Placement',
    values: values(PLACEMENT),
    natures: NATURES_COMBINED,
    of: (c) => PLACEMENT[c.placement] ?? 'Other',
  },
  {
    topic: 'Looked after',
    values: ['Looked after', 'Not looked after'],
    natures: NATURES_LOOKED_AFTER,
    of: (c) => (c.lookedAfter ? 'Looked after' : 'Not looked after'),
  },
  {
    topic: 'Child in need plan',
    values: ['Yes', 'No'],
    natures: NATURES_COMBINED,
    of: (c) => (c.childInNeedPlan ? 'Yes' : 'No'),
  },
  {
    topic: 'Child protection plan',
    values: ['Yes', 'No'],
    natures: NATURES_COMBINED,
    of: (c) => (c.childProtectionPlan ? 'Yes' : 'No'),
  },
  {
    topic: 'Known to agencies',
    values: ['Yes', 'No', 'Unknown'],
    natures: NATURES_COMBINED,
    of: (c) => yesNoUnknown(c.knownToAgencies),
  },
  {
    topic: 'Notified within 5 working days',
    values: ['Within 5 working days', 'More than 5 working days'],
    natures: NATURES_COMBINED,
    of: (_c, f) => (f.notifiedWithin5WorkingDays ? 'Within 5 working days' : 'More than 5 working days'),
  },
];
export const CARE_LEAVER_BANDS = ['16 to 21', '22 to 24', 'Unknown'] as const;

export const isCareLeaverDeath = (f: NotificationFact) => f.nature === 'care-leaver-death';

/** The nature columns a main notification counts in, for a frame of natures. */
export const natureColumns = (nature: IncidentNature, frame: readonly string[]): string[] => {
  const death = nature === 'child-death' || nature === 'looked-after-child-death';
  if (frame === NATURES_TOTALS)
    return [TOTAL, death ? 'Child death' : nature === 'serious-harm' ? 'Serious harm' : 'Other'];
  if (frame === NATURES_LOOKED_AFTER) {
    return [
      TOTAL,
      nature === 'child-death'
        ? 'Child death - abuse or neglect'
        : nature === 'looked-after-child-death'
          ? 'Child death - no abuse or neglect'
          : 'Serious harm and other',
    ];
  }
  return [TOTAL, death ? 'Child death' : 'Serious harm and other'];
};

/** One cell of a table: where it sits (a level's area, quarter, topic, breakdown, nature) and its exact count. */
export type Cell = {
  quarter: string;
  /** 'National', 'Regional' or 'Local authority'. */
  level: string;
  /** E92000001 for England, the region's E12 code, or the LA's code. */
  area: string;
  topic: string;
  breakdown: string;
  nature: string;
  value: number;
};

export const cellKey = (c: Pick<Cell, 'quarter' | 'level' | 'area' | 'topic' | 'breakdown' | 'nature'>) =>
  `${c.quarter}|${c.level}|${c.area}|${c.topic}|${c.breakdown}|${c.nature}`;

export const ENGLAND = { code: 'E92000001', name: 'England' };

/** The national table of one reporting year: every cell of the frame, exact. */
export const nationalCells = (facts: readonly NotificationFact[], reportingYear: number): Cell[] => {
  const inYear = facts.filter((f) => f.reportingYear === reportingYear && !f.withdrawn);
  const main = inYear.filter((f) => !isCareLeaverDeath(f));
  const cells = new Map<string, Cell>();
  const add = (quarter: string, topic: string, breakdown: string, nature: string, count: number) => {
    const cell = { quarter, level: 'National', area: ENGLAND.code, topic, breakdown, nature, value: 0 };
    const key = cellKey(cell);
    const existing = cells.get(key) ?? cell;
    cells.set(key, { ...existing, value: existing.value + count });
  };
  for (const quarter of [TOTAL, ...REPORTING_QUARTERS])
    for (const nature of NATURES_TOTALS) add(quarter, TOTAL, TOTAL, nature, 0);
  for (const t of TOPICS) for (const b of [TOTAL, ...t.values]) for (const n of t.natures) add(TOTAL, t.topic, b, n, 0);
  for (const b of [TOTAL, ...CARE_LEAVER_BANDS]) add(TOTAL, CARE_LEAVER_TOPIC, b, CARE_LEAVER_NATURE, 0);
  for (const f of main) {
    for (const n of natureColumns(f.nature, NATURES_TOTALS)) {
      add(TOTAL, TOTAL, TOTAL, n, 1);
      add(f.quarter, TOTAL, TOTAL, n, 1);
    }
    for (const t of TOPICS) {
      for (const n of natureColumns(f.nature, t.natures)) {
        add(TOTAL, t.topic, TOTAL, n, 1);
        if (f.child) add(TOTAL, t.topic, t.of(f.child, f), n, 1);
      }
    }
  }
  for (const f of inYear.filter(isCareLeaverDeath)) {
    const band =
      f.child?.careLeaverAgeBand === '16-21'
        ? '16 to 21'
        : f.child?.careLeaverAgeBand === '22-24'
          ? '22 to 24'
          : 'Unknown';
    add(TOTAL, CARE_LEAVER_TOPIC, TOTAL, CARE_LEAVER_NATURE, 1);
    add(TOTAL, CARE_LEAVER_TOPIC, band, CARE_LEAVER_NATURE, 1);
  }
  return [...cells.values()];
};

/** Counts by area (region or LA) for one reporting year: totals and the natures of `frame`, every area listed. */
export const areaCells = (
  facts: readonly NotificationFact[],
  reportingYear: number,
  level: 'Regional' | 'Local authority',
  areas: readonly string[],
  areaOf: (localAuthorityCode: string) => string | undefined,
  frame: readonly string[],
): Cell[] => {
  const counts = new Map<string, number>();
  for (const f of facts) {
    if (f.reportingYear !== reportingYear || f.withdrawn || isCareLeaverDeath(f)) continue;
    const area = areaOf(f.localAuthorityCode);
    if (area === undefined) continue;
    for (const n of natureColumns(f.nature, frame)) counts.set(`${area}|${n}`, (counts.get(`${area}|${n}`) ?? 0) + 1);
  }
  return areas.flatMap((area) =>
    frame.map((nature) => ({
      quarter: TOTAL,
      level,
      area,
      topic: TOTAL,
      breakdown: TOTAL,
      nature,
      value: counts.get(`${area}|${nature}`) ?? 0,
    })),
  );
};
