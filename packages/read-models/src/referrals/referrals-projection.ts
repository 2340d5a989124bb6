/**
 * Referrals per partnership: the minimised facts of each agency referral and the sub-group's outcome, so the
 * partnership works its queue and the referrer sees what became of its referral. Personal parts (what happened,
 * names, reasons) stay sealed in the log: this table holds none.
 */
import {
  occurredAtOf,
  optionalString,
  ProjectionError,
  requireInstant,
  requireString,
  type Projection,
} from '../projection';

export type ReferralStatus = 'submitted' | 'decided' | 'withdrawn';

export type ReferralOutcomeRow = {
  outcome: string;
  decidedOn: string;
  incidentId: string | null;
  reviewKind: string | null;
  reviewId: string | null;
};

export type ReferralRow = {
  referral_id: string;
  partnership_id: string;
  local_authority_code: string;
  agency: string;
  referred_by: string;
  nature: string;
  incident_on: string;
  became_aware_on: string;
  criteria_view: string;
  dsl_consulted: boolean;
  children: unknown[];
  submitted_at: string;
  submitted_on: string;
  status: ReferralStatus;
  decision: ReferralOutcomeRow | null;
  withdrawn_on: string | null;
  last_event_at: string;
  version: number;
};

export const referralsProjection: Projection<ReferralRow> = {
  name: 'referrals',
  table: 'read_models.referrals',
  key: 'referral_id',
  handles: new Set(['ReferralSubmitted', 'ReferralDecided', 'ReferralWithdrawn']),
  keysOf: (event) => [requireString(event.data, 'referralId')],
  evolve: (rows, event) => {
    const d = event.data;
    const id = requireString(d, 'referralId');
    const row = rows.get(id);
    if (event.type === 'ReferralSubmitted') {
      if (row) return; // A replayed submission changes nothing.
      rows.set(id, {
        referral_id: id,
        partnership_id: requireString(d, 'partnershipId'),
        local_authority_code: requireString(d, 'localAuthorityCode'),
        agency: requireString(d, 'agency'),
        referred_by: requireString(d, 'referredBy'),
        nature: requireString(d, 'nature'),
        incident_on: requireString(d, 'incidentOn'),
        became_aware_on: requireString(d, 'becameAwareOn'),
        criteria_view: requireString(d, 'criteriaView'),
        dsl_consulted: d.dslConsulted === true,
        children: Array.isArray(d.children) ? d.children : [],
        submitted_at: requireInstant(d, 'submittedAt'),
        submitted_on: requireString(d, 'submittedOn'),
        status: 'submitted',
        decision: null,
        withdrawn_on: null,
        last_event_at: occurredAtOf(event),
        version: 1,
      });
      return;
    }
    if (!row) throw new ProjectionError(`${event.type} for a referral never submitted`);
    const next =
      event.type === 'ReferralDecided'
        ? {
            status: 'decided' as const,
            decision: {
              outcome: requireString(d, 'outcome'),
              decidedOn: requireString(d, 'decidedOn'),
              incidentId: optionalString(d, 'incidentId'),
              reviewKind: optionalString(d, 'reviewKind'),
              reviewId: optionalString(d, 'reviewId'),
            },
          }
        : { status: 'withdrawn' as const, withdrawn_on: requireString(d, 'withdrawnOn') };
    rows.set(id, { ...row, ...next, last_event_at: occurredAtOf(event), version: row.version + 1 });
  },
};
