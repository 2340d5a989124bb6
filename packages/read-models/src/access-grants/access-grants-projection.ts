/**
 * Grants in force: one row per (subject, role, partnership), added by AccessGranted and removed by AccessRevoked.
 * The gateway reads it on every request (through a short cache) to know what a token's subject may do; who granted
 * and revoked what, and when, stays in the log.
 */
import { occurredAtOf, optionalString, requireString, type Projection } from '../projection';

export type AccessGrantRow = {
  grant_key: string;
  subject: string;
  role: string;
  partnership_id: string | null;
  email: string | null;
  granted_by: string;
  granted_at: string;
};

export const ACCESS_GRANTS_TABLE_SQL = `
create table read_models.access_grants (
  grant_key text primary key,
  subject text not null,
  role text not null,
  partnership_id text,
  email text,
  granted_by text not null,
  granted_at text not null
);
create index access_grants_subject on read_models.access_grants (subject);
`;

/** Subjects never hold spaces (the decider refuses them), so a space separates the parts unambiguously. */
export const grantKey = (subject: string, role: string, partnershipId: string | null) =>
  `${subject} ${role} ${partnershipId ?? ''}`;

export const accessGrantsProjection: Projection<AccessGrantRow> = {
  name: 'access-grants',
  table: 'read_models.access_grants',
  key: 'grant_key',
  handles: new Set(['AccessGranted', 'AccessRevoked']),
  keysOf: (event) => [
    grantKey(
      requireString(event.data, 'subject'),
      requireString(event.data, 'role'),
      optionalString(event.data, 'partnershipId'),
    ),
  ],
  evolve: (rows, event) => {
    const d = event.data;
    const subject = requireString(d, 'subject');
    const role = requireString(d, 'role');
    const partnershipId = optionalString(d, 'partnershipId');
    const key = grantKey(subject, role, partnershipId);
    if (event.type === 'AccessRevoked') return rows.delete(key);
    if (rows.get(key)) return undefined;
    rows.set(key, {
      grant_key: key,
      subject,
      role,
      partnership_id: partnershipId,
      email: optionalString(d, 'email'),
      granted_by: requireString(d, 'grantedBy'),
      granted_at: occurredAtOf(event),
    });
    return undefined;
  },
};
