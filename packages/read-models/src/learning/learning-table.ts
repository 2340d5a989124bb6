/** The review_learning table (migration 0004-review-learning): reviews of every kind with their learning. */
export const REVIEW_LEARNING_TABLE_SQL = `
create table read_models.review_learning (
  review_id text primary key,
  kind text not null,
  owner_partnership_id text,
  partnership_ids jsonb not null,
  concerned_partnership_ids jsonb not null,
  referral_ids jsonb not null,
  linked_review_ids jsonb not null,
  title text,
  theme text,
  status text not null,
  commissioned_on text not null,
  final_report_recipients jsonb not null,
  final_report_submitted_on text,
  publication jsonb,
  learning_items jsonb not null,
  learning_themes jsonb not null,
  recommendations jsonb not null,
  actions jsonb not null,
  last_event_at text not null,
  version integer not null
);
create index review_learning_order on read_models.review_learning (commissioned_on desc, review_id desc);
create index review_learning_concerned on read_models.review_learning using gin (concerned_partnership_ids);
`;

/**
 * Migration 0013: the incidents each review was commissioned on, on the tables that hold a review's opened
 * pseudonyms, so an incident's erasure finds and blanks them live (erased-incident-lookup.ts). Rows already there
 * take them from the reviews read model, which has recorded them from the start; a review it does not hold (a
 * historic listing entry) has none.
 */
export const REVIEW_INCIDENT_IDS_SQL = `
alter table read_models.published_reports add column if not exists incident_ids jsonb not null default '[]';
update read_models.published_reports p set incident_ids = r.incident_ids
  from read_models.reviews r where r.review_id = p.review_id;
alter table read_models.review_learning add column if not exists incident_ids jsonb not null default '[]';
update read_models.review_learning l set incident_ids = r.incident_ids
  from read_models.reviews r where r.review_id = l.review_id;
`;
