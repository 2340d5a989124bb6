import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import {
  isReportingYearComplete,
  reportingPeriodOf,
  type ChildCharacteristics,
  type IncidentNature,
} from '@cspr/domain';
import { cellKey, nationalCells, type NotificationFact } from './dfe-tables';
import { disclosureKey, isNationalTotal, releaseEquations, shownRounded, suppress } from './disclosure-control';
import {
  buildReleaseFiles,
  LOCAL_AUTHORITY_COLUMNS,
  NATIONAL_COLUMNS,
  REGIONAL_COLUMNS,
  releaseFileCsv,
  releaseMetadataCsv,
} from './open-data';
import { CAMDEN, LEEDS, MANCHESTER, seededFacts, YORK } from './seeded-year';

type Row = Record<string, string>;
/** One line of a table: "breakdown: nature=value ..." in the frame's order. */
const table = (rows: Row[], quarter: string, topic: string) => {
  const lines = new Map<string, string[]>();
  for (const r of rows.filter((row) => row.quarter === quarter && row.breakdown_topic === topic)) {
    lines.set(r.breakdown!, [...(lines.get(r.breakdown!) ?? []), r.number_notifications!]);
  }
  return Object.fromEntries(lines);
};

describe('DfE tables of a seeded reporting year, against hand-worked tables', () => {
  const files = buildReleaseFiles(seededFacts(), 2026);
  const exact = nationalCells(seededFacts(), 2026);
  const exactOf = (topic: string, breakdown: string, nature: string) =>
    exact.find((c) => c.quarter === 'Total' && c.topic === topic && c.breakdown === breakdown && c.nature === nature)
      ?.value;

  it('counts notifications (one child each), care leavers and the withdrawn one left out of the main figures', () => {
    // 12 + 8 + 6 + 2 + 3 + 1 = 32; deaths 12 + 3 looked-after + 1 = 16; serious harm 14; other 2.
    expect(['Total', 'Child death', 'Serious harm', 'Other'].map((n) => exactOf('Total', 'Total', n))).toEqual([
      32, 16, 14, 2,
    ]);
    expect(exactOf('Care leaver deaths', 'Total', 'Care leaver death')).toBe(4);
    expect(exactOf('Age', '16 and over', 'Total')).toBe(5);
  });

  it('nature totals by quarter from April: 1-2 as "c", secondary cells hidden so none can be subtracted', () => {
    // Total, Child death, Serious harm, Other. Exact: Q1 12/12/0/0, Q2 11/3/8/0, Q3 7/1/6/0, Q4 2/0/0/2.
    expect(table(files.national, 'Total', 'Total')).toEqual({ Total: ['32', '16', 'c', 'c'] });
    expect(['Q1', 'Q2', 'Q3', 'Q4'].map((q) => table(files.national, q, 'Total').Total)).toEqual([
      ['12', '12', '0', '0'],
      ['11', 'c', 'c', '0'],
      ['c', 'c', 'c', '0'],
      ['c', '0', '0', 'c'],
    ]);
  });

  it('age breakdown: serious harm and other combined', () => {
    // Exact: under 1 12/12/0, 1-5 8/0/8, 6-10 1/1/0, 11-15 6/0/6, 16+ 5/3/2.
    expect(table(files.national, 'Total', 'Age')).toEqual({
      Total: ['32', '16', '16'],
      'Under 1': ['12', '12', '0'],
      '1 to 5': ['8', '0', '8'],
      '6 to 10': ['c', 'c', '0'],
      '11 to 15': ['c', '0', 'c'],
      '16 and over': ['c', 'c', 'c'],
      Unknown: ['0', '0', '0'],
    });
  });

  it('looked after: child death split abuse or neglect / no abuse or neglect', () => {
    // Exact: looked after 4 = 1 with abuse + 3 without; not looked after 28 = 12 deaths + 16 serious harm and other.
    expect(exactOf('Looked after', 'Looked after', 'Child death - no abuse or neglect')).toBe(3);
    expect(table(files.national, 'Total', 'Looked after')).toEqual({
      Total: ['32', 'c', 'c', '16'],
      'Looked after': ['c', 'c', 'c', '0'],
      'Not looked after': ['c', 'c', '0', '16'],
    });
  });

  it('timeliness and care leavers in DfE bands', () => {
    // Within 5: 25 = 15 deaths + 10; later: 7 = 1 death + 6. Care leavers 3 aged 16-21, 1 aged 22-24.
    expect(table(files.national, 'Total', 'Notified within 5 working days')).toEqual({
      Total: ['32', '16', '16'],
      'Within 5 working days': ['25', 'c', 'c'],
      'More than 5 working days': ['7', 'c', 'c'],
    });
    expect(table(files.national, 'Total', 'Care leaver deaths')).toEqual({
      Total: ['4'],
      '16 to 21': ['c'],
      '22 to 24': ['c'],
      Unknown: ['0'],
    });
  });

  it('regional counts rounded to the nearest 10; a non-zero count that would show 0 is "c"', () => {
    const shown = (region: string) =>
      files.regional.filter((r) => r.region_name === region).map((r) => r.number_notifications);
    // Yorkshire: Leeds 20 + York 1 = 21 (13 deaths, 8 harm); North West: Manchester 8 (6 harm, 2 other); London: 3.
    expect(shown('Yorkshire and The Humber')).toEqual(['20', '10', '10', '0']);
    expect(shown('North West')).toEqual(['10', '0', '10', 'c']);
    expect(shown('London')).toEqual(['c', 'c', '0', '0']);
    expect(shown('South West')).toEqual(['0', '0', '0', '0']);
    expect([0, 1, 4, 5, 14, 15, 160].map(shownRounded)).toEqual(['0', 'c', 'c', '10', '10', '20', '160']);
  });

  it('local authorities: exact, "c" for 1-2, Camden hidden too so York cannot be subtracted from England', () => {
    const shown = (la: string) =>
      files.localAuthority.filter((r) => r.new_la_code === la).map((r) => r.number_notifications);
    expect(shown(LEEDS)).toEqual(['20', '12', '8']);
    expect(shown(MANCHESTER)).toEqual(['8', '0', '8']);
    expect(shown(YORK)).toEqual(['c', 'c', '0']);
    expect(shown(CAMDEN)).toEqual(['c', 'c', '0']);
  });

  it('no equation of the release is left with exactly one hidden cell', () => {
    const codes = [...new Set(files.localAuthority.map((r) => r.new_la_code!))];
    const hidden = new Set(
      files.national
        .concat(files.localAuthority)
        .filter((r) => r.number_notifications === 'c')
        .map((r) =>
          disclosureKey({
            quarter: r.quarter!,
            level: r.geographic_level!,
            area: r.new_la_code ?? r.country_code!,
            topic: r.breakdown_topic!,
            breakdown: r.breakdown!,
            nature: r.nature_of_notification!,
          }),
        ),
    );
    for (const eq of releaseEquations(codes))
      expect([eq.total, ...eq.parts].filter((k) => hidden.has(k)).length).not.toBe(1);
  });
});

describe('open data CSV', () => {
  const files = buildReleaseFiles(seededFacts(), 2026);
  it.each([
    ['national', NATIONAL_COLUMNS],
    ['regional', REGIONAL_COLUMNS],
    ['localAuthority', LOCAL_AUTHORITY_COLUMNS],
  ] as const)('the %s file parses with exactly the documented columns', (file, columns) => {
    const csv = releaseFileCsv(files[file], file);
    const records = parse(csv, { columns: true }) as Row[];
    expect(Object.keys(records[0]!)).toEqual([...columns]);
    expect(records).toHaveLength(files[file].length);
  });

  it("the national file reads like DfE's own: 2026, Reporting year, Total, National, E92000001, England, Total, Total, Child death, 16", () => {
    const [header, ...lines] = releaseFileCsv(files.national, 'national').split('\n');
    expect(header).toBe(
      'time_period,time_identifier,quarter,geographic_level,country_code,country_name,breakdown_topic,breakdown,nature_of_notification,number_notifications',
    );
    expect(lines).toContain('2026,Reporting year,Total,National,E92000001,England,Total,Total,Child death,16');
  });

  it('the metadata file describes every column', () => {
    const meta = parse(releaseMetadataCsv(), { columns: true }) as Row[];
    const described = meta.map((m) => m.col_name);
    for (const column of [...NATIONAL_COLUMNS, ...REGIONAL_COLUMNS, ...LOCAL_AUTHORITY_COLUMNS])
      expect(described).toContain(column);
    expect(meta.every((m) => (m.description ?? '').length > 10)).toBe(true);
  });
});

const natures: IncidentNature[] = [
  'child-death',
  'serious-harm',
  'other-harm-caused-by-child',
  'looked-after-child-death',
  'care-leaver-death',
];
const laCodes = [LEEDS, YORK, MANCHESTER, CAMDEN];
const day = fc
  .integer({ min: 0, max: 3 * 365 })
  .map((n) => new Date(Date.UTC(2023, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
const fact = (notifiedOn: fc.Arbitrary<string>): fc.Arbitrary<NotificationFact> =>
  fc
    .record({
      notifiedOn,
      nature: fc.constantFrom(...natures),
      la: fc.constantFrom(...laCodes),
      ageBand: fc.constantFrom('under-1', '1-5', '6-10', '11-15', '16-plus', 'unknown'),
      sex: fc.constantFrom('female', 'male', 'not-known'),
      ethnicity: fc.constantFrom('asian', 'black', 'mixed', 'white', 'other', 'not-known'),
      lookedAfter: fc.boolean(),
      within: fc.boolean(),
      withdrawn: fc.boolean(),
    })
    .map((f) => ({
      ...reportingPeriodOf(f.notifiedOn),
      nature: f.nature,
      localAuthorityCode: f.la,
      child: {
        childRef: 'child-1',
        ageBand: f.ageBand,
        sex: f.sex,
        ethnicity: f.ethnicity,
        disability: 'no',
        placement: 'at-home',
        lookedAfter: f.lookedAfter,
        childInNeedPlan: false,
        childProtectionPlan: false,
        knownToAgencies: 'yes',
      } as ChildCharacteristics,
      notifiedWithin5WorkingDays: f.nature === 'care-leaver-death' ? null : f.within,
      withdrawn: f.withdrawn,
    }));
/** What the public sees: the release files of every complete reporting year, as published. */
const publicView = (facts: NotificationFact[], today: string) =>
  [2024, 2025, 2026]
    .filter((year) => isReportingYearComplete(year, today))
    .map((year) => [year, releaseFileCsv(buildReleaseFiles(facts, year).national, 'national')]);

describe('publication without disclosure (property)', () => {
  it('one more notification, whatever it is, leaves every published release unchanged', () => {
    fc.assert(
      fc.property(fc.array(fact(day), { maxLength: 60 }), day, fc.context(), (facts, today, ctx) => {
        // A new notification is notified today: it falls in the running year, never in a complete one.
        return (
          fc.assert(
            fc.property(fact(fc.constant(today)), (added) => {
              ctx.log(`${added.reportingYear} ${added.nature}`);
              expect(publicView([...facts, added], today)).toEqual(publicView(facts, today));
            }),
            { numRuns: 2 },
          ) === undefined
        );
      }),
      { numRuns: 15 },
    );
  });

  it('in any release, no equation has exactly one hidden cell', () => {
    fc.assert(
      fc.property(fc.array(fact(day), { maxLength: 80 }), (facts) => {
        const cells = nationalCells(facts, 2025);
        const values = new Map(cells.map((c) => [disclosureKey(c), c.value]));
        const hidden = suppress(values, releaseEquations([]), isNationalTotal);
        for (const eq of releaseEquations([])) {
          expect([eq.total, ...eq.parts].filter((k) => values.has(k) && hidden.has(k)).length).not.toBe(1);
        }
        expect(cells.map(cellKey)).toEqual(nationalCells([], 2025).map(cellKey));
      }),
      { numRuns: 60 },
    );
  });
});
