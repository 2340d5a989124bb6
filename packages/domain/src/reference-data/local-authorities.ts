/**
 * English local authorities with children's social care duties (the 153 upper-tier authorities DfE reports on),
 * with their 2024 ONS codes and DfE three-digit LA numbers. Source: DfE explore-education-statistics location
 * lists (2024/25 vintage), cross-checked against a DfE service's seed data; both agree code for code.
 * Codes are as at 2024: Barnsley and Sheffield were recoded (E08000038/39) in 2025 and are NOT used here.
 */
import type { LocalAuthorityCode } from '../shared/types';

export type EnglishRegionId =
  | 'north-east'
  | 'north-west'
  | 'yorkshire-and-the-humber'
  | 'east-midlands'
  | 'west-midlands'
  | 'east-of-england'
  | 'london'
  | 'south-east'
  | 'south-west';

export type EnglishRegion = { id: EnglishRegionId; code: string; name: string };

/** The nine English regions (ONS E12 codes). */
export const englishRegions: readonly EnglishRegion[] = [
  { id: 'north-east', code: 'E12000001', name: 'North East' },
  { id: 'north-west', code: 'E12000002', name: 'North West' },
  { id: 'yorkshire-and-the-humber', code: 'E12000003', name: 'Yorkshire and The Humber' },
  { id: 'east-midlands', code: 'E12000004', name: 'East Midlands' },
  { id: 'west-midlands', code: 'E12000005', name: 'West Midlands' },
  { id: 'east-of-england', code: 'E12000006', name: 'East of England' },
  { id: 'london', code: 'E12000007', name: 'London' },
  { id: 'south-east', code: 'E12000008', name: 'South East' },
  { id: 'south-west', code: 'E12000009', name: 'South West' },
];

/** E06 unitary, E08 metropolitan district, E09 London borough (and the City of London), E10 county council. */
export type LocalAuthorityKind = 'unitary' | 'metropolitan-district' | 'london-borough' | 'county';

export type LocalAuthority = {
  code: LocalAuthorityCode;
  /** The ONS/DfE name ("Bristol, City of"). */
  name: string;
  /** DfE's three-digit LA number, used in DfE returns and statistics. */
  dfeNumber: number;
  region: EnglishRegionId;
  kind: LocalAuthorityKind;
};

const KIND_BY_PREFIX: Record<string, LocalAuthorityKind> = {
  E06: 'unitary',
  E08: 'metropolitan-district',
  E09: 'london-borough',
  E10: 'county',
};

type Row = readonly [code: string, name: string, dfeNumber: number];

// Grouped by region so a reviewer can check each group against the DfE regional tables.
const rowsByRegion: Record<EnglishRegionId, readonly Row[]> = {
  'north-east': [
    ['E06000047', 'County Durham', 840],
    ['E06000005', 'Darlington', 841],
    ['E08000037', 'Gateshead', 390],
    ['E06000001', 'Hartlepool', 805],
    ['E06000002', 'Middlesbrough', 806],
    ['E08000021', 'Newcastle upon Tyne', 391],
    ['E08000022', 'North Tyneside', 392],
    ['E06000057', 'Northumberland', 929],
    ['E06000003', 'Redcar and Cleveland', 807],
    ['E08000023', 'South Tyneside', 393],
    ['E06000004', 'Stockton-on-Tees', 808],
    ['E08000024', 'Sunderland', 394],
  ],
  'north-west': [
    ['E06000008', 'Blackburn with Darwen', 889],
    ['E06000009', 'Blackpool', 890],
    ['E08000001', 'Bolton', 350],
    ['E08000002', 'Bury', 351],
    ['E06000049', 'Cheshire East', 895],
    ['E06000050', 'Cheshire West and Chester', 896],
    ['E06000063', 'Cumberland', 942],
    ['E06000064', 'Westmorland and Furness', 943],
    ['E06000006', 'Halton', 876],
    ['E08000011', 'Knowsley', 340],
    ['E10000017', 'Lancashire', 888],
    ['E08000012', 'Liverpool', 341],
    ['E08000003', 'Manchester', 352],
    ['E08000004', 'Oldham', 353],
    ['E08000005', 'Rochdale', 354],
    ['E08000006', 'Salford', 355],
    ['E08000014', 'Sefton', 343],
    ['E08000013', 'St. Helens', 342],
    ['E08000007', 'Stockport', 356],
    ['E08000008', 'Tameside', 357],
    ['E08000009', 'Trafford', 358],
    ['E06000007', 'Warrington', 877],
    ['E08000010', 'Wigan', 359],
    ['E08000015', 'Wirral', 344],
  ],
  'yorkshire-and-the-humber': [
    ['E08000016', 'Barnsley', 370],
    ['E08000032', 'Bradford', 380],
    ['E08000033', 'Calderdale', 381],
    ['E08000017', 'Doncaster', 371],
    ['E06000011', 'East Riding of Yorkshire', 811],
    ['E06000010', 'Kingston upon Hull, City of', 810],
    ['E08000034', 'Kirklees', 382],
    ['E08000035', 'Leeds', 383],
    ['E06000012', 'North East Lincolnshire', 812],
    ['E06000013', 'North Lincolnshire', 813],
    ['E06000065', 'North Yorkshire', 815],
    ['E08000018', 'Rotherham', 372],
    ['E08000019', 'Sheffield', 373],
    ['E08000036', 'Wakefield', 384],
    ['E06000014', 'York', 816],
  ],
  'east-midlands': [
    ['E06000015', 'Derby', 831],
    ['E10000007', 'Derbyshire', 830],
    ['E06000016', 'Leicester', 856],
    ['E10000018', 'Leicestershire', 855],
    ['E10000019', 'Lincolnshire', 925],
    ['E06000061', 'North Northamptonshire', 940],
    ['E06000018', 'Nottingham', 892],
    ['E10000024', 'Nottinghamshire', 891],
    ['E06000017', 'Rutland', 857],
    ['E06000062', 'West Northamptonshire', 941],
  ],
  'west-midlands': [
    ['E08000025', 'Birmingham', 330],
    ['E08000026', 'Coventry', 331],
    ['E08000027', 'Dudley', 332],
    ['E06000019', 'Herefordshire, County of', 884],
    ['E08000028', 'Sandwell', 333],
    ['E06000051', 'Shropshire', 893],
    ['E08000029', 'Solihull', 334],
    ['E10000028', 'Staffordshire', 860],
    ['E06000021', 'Stoke-on-Trent', 861],
    ['E06000020', 'Telford and Wrekin', 894],
    ['E08000030', 'Walsall', 335],
    ['E10000031', 'Warwickshire', 937],
    ['E08000031', 'Wolverhampton', 336],
    ['E10000034', 'Worcestershire', 885],
  ],
  'east-of-england': [
    ['E06000055', 'Bedford', 822],
    ['E10000003', 'Cambridgeshire', 873],
    ['E06000056', 'Central Bedfordshire', 823],
    ['E10000012', 'Essex', 881],
    ['E10000015', 'Hertfordshire', 919],
    ['E06000032', 'Luton', 821],
    ['E10000020', 'Norfolk', 926],
    ['E06000031', 'Peterborough', 874],
    ['E06000033', 'Southend-on-Sea', 882],
    ['E10000029', 'Suffolk', 935],
    ['E06000034', 'Thurrock', 883],
  ],
  london: [
    ['E09000002', 'Barking and Dagenham', 301],
    ['E09000003', 'Barnet', 302],
    ['E09000004', 'Bexley', 303],
    ['E09000005', 'Brent', 304],
    ['E09000006', 'Bromley', 305],
    ['E09000007', 'Camden', 202],
    ['E09000001', 'City of London', 201],
    ['E09000008', 'Croydon', 306],
    ['E09000009', 'Ealing', 307],
    ['E09000010', 'Enfield', 308],
    ['E09000011', 'Greenwich', 203],
    ['E09000012', 'Hackney', 204],
    ['E09000013', 'Hammersmith and Fulham', 205],
    ['E09000014', 'Haringey', 309],
    ['E09000015', 'Harrow', 310],
    ['E09000016', 'Havering', 311],
    ['E09000017', 'Hillingdon', 312],
    ['E09000018', 'Hounslow', 313],
    ['E09000019', 'Islington', 206],
    ['E09000020', 'Kensington and Chelsea', 207],
    ['E09000021', 'Kingston upon Thames', 314],
    ['E09000022', 'Lambeth', 208],
    ['E09000023', 'Lewisham', 209],
    ['E09000024', 'Merton', 315],
    ['E09000025', 'Newham', 316],
    ['E09000026', 'Redbridge', 317],
    ['E09000027', 'Richmond upon Thames', 318],
    ['E09000028', 'Southwark', 210],
    ['E09000029', 'Sutton', 319],
    ['E09000030', 'Tower Hamlets', 211],
    ['E09000031', 'Waltham Forest', 320],
    ['E09000032', 'Wandsworth', 212],
    ['E09000033', 'Westminster', 213],
  ],
  'south-east': [
    ['E06000036', 'Bracknell Forest', 867],
    ['E06000043', 'Brighton and Hove', 846],
    ['E06000060', 'Buckinghamshire', 825],
    ['E10000011', 'East Sussex', 845],
    ['E10000014', 'Hampshire', 850],
    ['E06000046', 'Isle of Wight', 921],
    ['E10000016', 'Kent', 886],
    ['E06000035', 'Medway', 887],
    ['E06000042', 'Milton Keynes', 826],
    ['E10000025', 'Oxfordshire', 931],
    ['E06000044', 'Portsmouth', 851],
    ['E06000038', 'Reading', 870],
    ['E06000039', 'Slough', 871],
    ['E06000045', 'Southampton', 852],
    ['E10000030', 'Surrey', 936],
    ['E06000037', 'West Berkshire', 869],
    ['E10000032', 'West Sussex', 938],
    ['E06000040', 'Windsor and Maidenhead', 868],
    ['E06000041', 'Wokingham', 872],
  ],
  'south-west': [
    ['E06000022', 'Bath and North East Somerset', 800],
    ['E06000058', 'Bournemouth, Christchurch and Poole', 839],
    ['E06000023', 'Bristol, City of', 801],
    ['E06000052', 'Cornwall', 908],
    ['E10000008', 'Devon', 878],
    ['E06000059', 'Dorset', 838],
    ['E10000013', 'Gloucestershire', 916],
    ['E06000053', 'Isles of Scilly', 420],
    ['E06000024', 'North Somerset', 802],
    ['E06000026', 'Plymouth', 879],
    ['E06000066', 'Somerset', 933],
    ['E06000025', 'South Gloucestershire', 803],
    ['E06000030', 'Swindon', 866],
    ['E06000027', 'Torbay', 880],
    ['E06000054', 'Wiltshire', 865],
  ],
};

export const localAuthorities: readonly LocalAuthority[] = Object.entries(rowsByRegion)
  .flatMap(([region, rows]) =>
    rows.map(([code, name, dfeNumber]) => ({
      code,
      name,
      dfeNumber,
      region: region as EnglishRegionId,
      kind: KIND_BY_PREFIX[code.slice(0, 3)] ?? 'unitary',
    })),
  )
  .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

const byCode = new Map(localAuthorities.map((la) => [la.code, la]));
const regionById = new Map(englishRegions.map((region) => [region.id, region]));

export const findLocalAuthority = (code: LocalAuthorityCode): LocalAuthority | undefined => byCode.get(code);

/** The English region of a local authority, or undefined for a code not in the list. */
export const regionOf = (code: LocalAuthorityCode): EnglishRegion | undefined => {
  const la = byCode.get(code);
  return la ? regionById.get(la.region) : undefined;
};
