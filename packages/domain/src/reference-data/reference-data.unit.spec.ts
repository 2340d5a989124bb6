import { describe, expect, it } from 'vitest';
import { defaultPartnershipFor, defaultPartnerships } from './default-partnerships';
import { LOCAL_AUTHORITY_CODE_PATTERN } from '../shared/input-limits';
import { englishRegions, findLocalAuthority, localAuthorities, regionOf } from './local-authorities';

describe('local authorities', () => {
  it('lists the 153 upper-tier authorities with unique, well-formed 2024 ONS codes and DfE numbers', () => {
    expect(localAuthorities).toHaveLength(153);
    const codes = localAuthorities.map((la) => la.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^E(06|08|09|10)\d{6}$/);
    const dfeNumbers = localAuthorities.map((la) => la.dfeNumber);
    expect(new Set(dfeNumbers).size).toBe(dfeNumbers.length);
    for (const n of dfeNumbers) expect(n).toBeGreaterThanOrEqual(200);
    expect(new Set(localAuthorities.map((la) => la.name)).size).toBe(153);
  });

  it('derives the kind from the code prefix and places every authority in one of the nine regions', () => {
    expect(englishRegions).toHaveLength(9);
    const regionIds = new Set(englishRegions.map((r) => r.id));
    for (const la of localAuthorities) expect(regionIds.has(la.region)).toBe(true);
    expect(findLocalAuthority('E10000017')?.kind).toBe('county');
    expect(findLocalAuthority('E08000035')?.kind).toBe('metropolitan-district');
    expect(findLocalAuthority('E09000033')?.kind).toBe('london-borough');
    expect(findLocalAuthority('E06000065')?.kind).toBe('unitary');
  });

  it('has the DfE regional counts: 12 NE, 24 NW, 15 Y&H, 10 EM, 14 WM, 11 EoE, 33 London, 19 SE, 15 SW', () => {
    const counts = Object.fromEntries(
      englishRegions.map((r) => [r.id, localAuthorities.filter((la) => la.region === r.id).length]),
    );
    expect(counts).toEqual({
      'north-east': 12,
      'north-west': 24,
      'yorkshire-and-the-humber': 15,
      'east-midlands': 10,
      'west-midlands': 14,
      'east-of-england': 11,
      london: 33,
      'south-east': 19,
      'south-west': 15,
    });
  });

  it('finds authorities and their regions by code, including the 2019–2023 reorganisations', () => {
    expect(findLocalAuthority('E08000035')).toMatchObject({
      name: 'Leeds',
      dfeNumber: 383,
      region: 'yorkshire-and-the-humber',
    });
    expect(regionOf('E08000035')).toEqual({
      id: 'yorkshire-and-the-humber',
      code: 'E12000003',
      name: 'Yorkshire and The Humber',
    });
    expect(findLocalAuthority('E06000063')?.name).toBe('Cumberland');
    expect(findLocalAuthority('E06000064')?.name).toBe('Westmorland and Furness');
    expect(findLocalAuthority('E06000066')?.name).toBe('Somerset');
    expect(regionOf('E06000062')?.name).toBe('East Midlands');
    // Abolished or lower-tier codes are not children's services authorities.
    expect(findLocalAuthority('E10000006')).toBeUndefined(); // Cumbria County Council, abolished 2023
    expect(findLocalAuthority('E07000026')).toBeUndefined(); // a non-metropolitan district
    expect(regionOf('E99999999')).toBeUndefined();
  });
});

describe('default partnerships', () => {
  it('cover every local authority exactly once and nothing else', () => {
    const covered = defaultPartnerships.flatMap((p) => p.localAuthorityCodes);
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered].sort()).toEqual(localAuthorities.map((la) => la.code).sort());
  });

  it('have unique lowercase slug ids', () => {
    const ids = defaultPartnerships.map((p) => p.partnershipId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(ids).toEqual(expect.arrayContaining(['leeds', 'north-yorkshire', 'bristol', 'hull', 'st-helens', 'bcp']));
  });

  it('group the confirmed joint arrangements and keep the split ones apart', () => {
    expect(defaultPartnershipFor('E06000037')?.partnershipId).toBe('berkshire-west'); // West Berkshire
    expect(defaultPartnershipFor('E09000001')?.partnershipId).toBe('city-and-hackney');
    expect(defaultPartnershipFor('E06000053')?.partnershipId).toBe('cornwall-and-isles-of-scilly');
    expect(defaultPartnershipFor('E06000063')?.partnershipId).toBe('cumberland');
    expect(defaultPartnershipFor('E06000064')?.partnershipId).toBe('westmorland-and-furness');
    expect(defaultPartnershipFor('E06000059')?.partnershipId).toBe('dorset');
    expect(defaultPartnershipFor('E10000014')?.partnershipId).toBe('hampshire');
    expect(defaultPartnershipFor('E06000046')?.partnershipId).toBe('isle-of-wight');
    expect(defaultPartnerships.length).toBe(
      153 -
        defaultPartnerships
          .filter((p) => p.localAuthorityCodes.length > 1)
          .reduce((sum, p) => sum + p.localAuthorityCodes.length - 1, 0),
    );
  });
});

describe('reference data and the notification rules agree', () => {
  it('accepts every shipped local authority code, counties (E10) included', () => {
    const refused = localAuthorities.filter((la) => !LOCAL_AUTHORITY_CODE_PATTERN.test(la.code)).map((la) => la.code);
    expect(refused).toEqual([]);
  });
});
