// Reference data (issue 3 item 5): English local authorities, regions and default safeguarding partnerships.
export {
  englishRegions,
  findLocalAuthority,
  localAuthorities,
  regionOf,
  type EnglishRegion,
  type EnglishRegionId,
  type LocalAuthority,
  type LocalAuthorityKind,
} from './local-authorities';
export { defaultPartnershipFor, defaultPartnerships, type DefaultPartnership } from './default-partnerships';
