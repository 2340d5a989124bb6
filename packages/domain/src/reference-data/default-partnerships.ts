/**
 * The default safeguarding partnerships that seed the partnership streams (PartnershipRegistered events).
 * Most partnerships cover one local authority. Multi-LA partnerships are listed only where a partnership's own
 * or a council's published material confirms the joint arrangement; several earlier ones have split and are
 * deliberately NOT merged here:
 *  - Pan-Dorset split into Dorset and BCP partnerships (cabinet decisions, summer 2024);
 *  - Pan-Lancashire CSAP became three place-based partnerships (1 September 2023);
 *  - Cumbria became Cumberland and Westmorland and Furness partnerships (1 April 2025);
 *  - HIPS (Hampshire, Isle of Wight, Portsmouth, Southampton) is a joint executive group and shared procedures
 *    over four partnerships that each keep their own arrangements;
 *  - Bedford Borough, Central Bedfordshire and Luton share procedures but run three partnerships.
 * Local names vary ("Keeping Bristol Safe Partnership"); the generic name is a default an admin can change
 * through PartnershipChanged, so who covered which LA on a given day stays replayable.
 */
import type { LocalAuthorityCode, PartnershipId } from '../shared/types';
import { localAuthorities } from './local-authorities';

export type DefaultPartnership = {
  partnershipId: PartnershipId;
  name: string;
  localAuthorityCodes: LocalAuthorityCode[];
};

const jointPartnerships: readonly DefaultPartnership[] = [
  {
    partnershipId: 'berkshire-west',
    name: 'Berkshire West Safeguarding Children Partnership',
    localAuthorityCodes: ['E06000038', 'E06000037', 'E06000041'],
  },
  {
    partnershipId: 'cambridgeshire-and-peterborough',
    name: 'Cambridgeshire and Peterborough Safeguarding Children Partnership',
    localAuthorityCodes: ['E10000003', 'E06000031'],
  },
  {
    partnershipId: 'city-and-hackney',
    name: 'City & Hackney Safeguarding Children Partnership',
    localAuthorityCodes: ['E09000001', 'E09000012'],
  },
  {
    partnershipId: 'cornwall-and-isles-of-scilly',
    name: 'Our Safeguarding Children Partnership (Cornwall and the Isles of Scilly)',
    localAuthorityCodes: ['E06000052', 'E06000053'],
  },
  {
    partnershipId: 'derby-and-derbyshire',
    name: 'Derby and Derbyshire Safeguarding Children Partnership',
    localAuthorityCodes: ['E06000015', 'E10000007'],
  },
  {
    partnershipId: 'hartlepool-and-stockton-on-tees',
    name: 'Hartlepool and Stockton-on-Tees Safeguarding Children Partnership',
    localAuthorityCodes: ['E06000001', 'E06000004'],
  },
  {
    partnershipId: 'kingston-and-richmond',
    name: 'Kingston and Richmond Safeguarding Children Partnership',
    localAuthorityCodes: ['E09000021', 'E09000027'],
  },
  {
    partnershipId: 'leicestershire-and-rutland',
    name: 'Leicestershire and Rutland Safeguarding Children Partnership',
    localAuthorityCodes: ['E10000018', 'E06000017'],
  },
  // Formed in 2019 for the county; assumed to continue over both unitaries since 2021 (one children's trust serves both).
  {
    partnershipId: 'northamptonshire',
    name: 'Northamptonshire Safeguarding Children Partnership',
    localAuthorityCodes: ['E06000061', 'E06000062'],
  },
  {
    partnershipId: 'south-tees',
    name: 'South Tees Safeguarding Children Partnership',
    localAuthorityCodes: ['E06000002', 'E06000003'],
  },
];

/** Short forms for ids where the ONS name carries a suffix ("Bristol, City of"). */
const idOverrides: Record<LocalAuthorityCode, PartnershipId> = {
  E06000023: 'bristol',
  E06000010: 'hull',
  E06000019: 'herefordshire',
  E06000058: 'bcp',
};

const displayName = (onsName: string): string => onsName.replace(/, (City|County) of$/, '');

export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const jointlyCovered = new Set(jointPartnerships.flatMap((p) => p.localAuthorityCodes));

export const defaultPartnerships: readonly DefaultPartnership[] = [
  ...jointPartnerships,
  ...localAuthorities
    .filter((la) => !jointlyCovered.has(la.code))
    .map((la) => ({
      partnershipId: idOverrides[la.code] ?? slugOf(displayName(la.name)),
      name: `${displayName(la.name)} Safeguarding Children Partnership`,
      localAuthorityCodes: [la.code],
    })),
].sort((a, b) => a.partnershipId.localeCompare(b.partnershipId));

const partnershipByLocalAuthority = new Map(
  defaultPartnerships.flatMap((p) => p.localAuthorityCodes.map((code) => [code, p] as const)),
);

/** The default partnership covering a local authority (the owner of incidents in it), or undefined. */
export const defaultPartnershipFor = (code: LocalAuthorityCode): DefaultPartnership | undefined =>
  partnershipByLocalAuthority.get(code);
