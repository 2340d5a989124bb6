/**
 * Erasure requests: one row per subject (an incident, a referral or a review) that an admin asked to erase, with where
 * the request stands (pending until a second admin approves or someone cancels it). Holds admin user ids and the
 * legal basis: no personal data of a child. The subject's reference, partnership and local authority come from its
 * own read model at query time. The key column is named `subject_id` since referrals and reviews joined incidents.
 */
import { erasureSubjectOf } from '@cspr/domain';
import { occurredAtOf, ProjectionError, requireString, type Projection, type ProjectedEvent } from '../projection';

export type ErasureRequestStatus = 'pending' | 'cancelled' | 'erased';

export type ErasureSubjectKind = 'incident' | 'referral' | 'review';

export type ErasureRequestRow = {
  subject_id: string;
  subject_kind: ErasureSubjectKind;
  status: ErasureRequestStatus;
  legal_basis: string;
  requested_by: string;
  requested_at: string;
  /** Who cancelled or approved it, and when. */
  decided_by: string | null;
  decided_at: string | null;
  last_event_at: string;
};

export const ERASURE_REQUESTS_TABLE_SQL = `
create table if not exists read_models.erasure_requests (
  incident_id text primary key,
  status text not null,
  legal_basis text not null,
  requested_by text not null,
  requested_at text not null,
  decided_by text,
  decided_at text,
  last_event_at text not null
);
create index if not exists erasure_requests_pending on read_models.erasure_requests (status, requested_at, incident_id);
`;

/** Referrals and reviews are erased too: the key becomes the subject's id, with its kind beside it. */
export const ERASURE_SUBJECTS_SQL = `
alter table read_models.erasure_requests rename column incident_id to subject_id;
alter table read_models.erasure_requests add column subject_kind text not null default 'incident';
`;

const subjectOf = (event: ProjectedEvent) => {
  const subject = erasureSubjectOf(event.data);
  if (!subject) throw new ProjectionError(`${event.type} names no incident, referral or review`);
  return subject;
};

export const erasureRequestsProjection: Projection<ErasureRequestRow> = {
  name: 'erasure-requests',
  table: 'read_models.erasure_requests',
  key: 'subject_id',
  handles: new Set(['ErasureRequested', 'ErasureRequestCancelled', 'PersonalDataErased']),
  keysOf: (event) => [subjectOf(event).id],
  evolve: (rows, event) => {
    const d = event.data;
    const { id, kind } = subjectOf(event);
    const row = rows.get(id);
    switch (event.type) {
      case 'ErasureRequested':
        // A new request after a cancelled one starts afresh.
        rows.set(id, {
          subject_id: id,
          subject_kind: kind,
          status: 'pending',
          legal_basis: requireString(d, 'legalBasis'),
          requested_by: requireString(d, 'requestedBy'),
          requested_at: requireString(d, 'requestedAt'),
          decided_by: null,
          decided_at: null,
          last_event_at: occurredAtOf(event),
        });
        return;
      case 'ErasureRequestCancelled':
        if (row)
          rows.set(id, {
            ...row,
            status: 'cancelled',
            decided_by: requireString(d, 'cancelledBy'),
            decided_at: requireString(d, 'cancelledAt'),
            last_event_at: occurredAtOf(event),
          });
        return;
      case 'PersonalDataErased':
        // An erasure from before four-eyes requests has no request row: record it whole.
        rows.set(id, {
          subject_id: id,
          subject_kind: kind,
          status: 'erased',
          legal_basis: requireString(d, 'legalBasis'),
          requested_by: requireString(d, 'requestedBy'),
          requested_at: row?.requested_at ?? requireString(d, 'erasedAt'),
          decided_by: requireString(d, 'approvedBy'),
          decided_at: requireString(d, 'erasedAt'),
          last_event_at: occurredAtOf(event),
        });
        return;
      default:
    }
  },
};
