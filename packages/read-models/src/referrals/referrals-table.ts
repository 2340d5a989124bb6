/** The referrals table (migration 0003-referrals). Dates are text (YYYY-MM-DD), as in every read model. */
export const REFERRALS_TABLE_SQL = `
create table read_models.referrals (
  referral_id text primary key,
  partnership_id text not null,
  local_authority_code text not null,
  agency text not null,
  referred_by text not null,
  nature text not null,
  incident_on text not null,
  became_aware_on text not null,
  criteria_view text not null,
  dsl_consulted boolean not null,
  children jsonb not null,
  submitted_at text not null,
  submitted_on text not null,
  status text not null,
  decision jsonb,
  withdrawn_on text,
  last_event_at text not null,
  version integer not null
);
create index referrals_partnership on read_models.referrals (partnership_id, submitted_at desc, referral_id desc);
`;
