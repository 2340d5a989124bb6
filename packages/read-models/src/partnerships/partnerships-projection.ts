/** Partnerships as registered or changed through the log: names and the local authorities they cover. */
import { occurredAtOf, requireString, stringArray, ProjectionError, type Projection } from '../projection';

export type PartnershipRow = {
  partnership_id: string;
  name: string;
  local_authority_codes: string[];
  registered_at: string;
  version: number;
};

export const partnershipsProjection: Projection<PartnershipRow> = {
  name: 'partnerships',
  table: 'read_models.partnerships',
  key: 'partnership_id',
  handles: new Set(['PartnershipRegistered', 'PartnershipChanged']),
  keysOf: (event) => [requireString(event.data, 'partnershipId')],
  evolve: (rows, event) => {
    const d = event.data;
    const id = requireString(d, 'partnershipId');
    const row = rows.get(id);
    if (event.type === 'PartnershipChanged' && !row)
      throw new ProjectionError('PartnershipChanged for a partnership never registered');
    rows.set(id, {
      partnership_id: id,
      name: requireString(d, 'name'),
      local_authority_codes: stringArray(d.localAuthorityCodes),
      registered_at: row?.registered_at ?? occurredAtOf(event),
      version: (row?.version ?? 0) + 1,
    });
  },
};
