/**
 * The read_models schema. Calendar dates are `text` (YYYY-MM-DD: sorts and compares as dates, and no driver
 * turns them into instants); structured parts are `jsonb`. Rows carry no `now()`, so a rebuild of the same log
 * gives byte-for-byte the same tables. Statements are constants: nothing here is built from input.
 */
import type { Sql } from 'postgres';
import { ACCESS_GRANTS_TABLE_SQL } from './access-grants/access-grants-projection';
import { runMigrations, type Migration } from '@cspr/database';
import { ensureCheckpoint } from './checkpoint';
import { CASE_REFERENCE_COLUMNS_SQL } from './incidents/case-reference-columns';
import { ERASURE_REQUESTS_TABLE_SQL, ERASURE_SUBJECTS_SQL } from './erasure-requests/erasure-requests-projection';
import { INCIDENT_BECAME_AWARE_DECLARED_SQL, INCIDENT_CLOCK_AND_MERGES_SQL } from './incidents/incidents-became-aware';
import { NOTIFICATION_FACTS_DFE_SQL } from './national-statistics/notification-facts-projection';
import { STATISTICS_RELEASES_TABLE_SQL } from './statistics-releases/statistics-releases-projection';
import { REVIEW_INCIDENT_IDS_SQL, REVIEW_LEARNING_TABLE_SQL } from './learning/learning-table';
import { REFERRALS_TABLE_SQL } from './referrals/referrals-table';
import { PENDING_REWRITES_TABLE_SQL } from './pending-rewrites';

export const READ_MODELS_SCHEMA = 'read_models';

const initial = `
create table read_models.checkpoints (
  name text primary key,
  commit_position numeric(20, 0) not null,
  prepare_position numeric(20, 0) not null,
  rebuilding boolean not null default false,
  events_processed bigint not null default 0,
  calendar_version text,
  updated_at timestamptz
);

create table read_models.dead_letters (
  event_id text not null,
  event_type text not null,
  stream_id text not null,
  position text not null,
  projection text not null,
  reason text not null,
  recorded_at text not null,
  primary key (event_id, projection)
);

create table read_models.incidents (
  incident_id text primary key,
  partnership_id text not null,
  local_authority_code text not null,
  nature text not null,
  status text not null,
  guidance_edition text not null,
  became_aware_on text not null,
  incident_on text not null,
  notified_at text not null,
  notified_on text not null,
  referral_id text,
  children jsonb not null,
  rapid_review_required boolean not null,
  rapid_review jsonb,
  panel_response jsonb,
  withdrawal jsonb,
  review_ids jsonb not null,
  deadlines jsonb not null,
  next_due_on text,
  sealed_personal jsonb,
  personal_erased boolean not null,
  history jsonb not null,
  last_event_at text not null,
  version integer not null
);
create index incidents_partnership on read_models.incidents (partnership_id, notified_at desc, incident_id desc);
create index incidents_order on read_models.incidents (notified_at desc, incident_id desc);

create table read_models.panel_queue (
  incident_id text primary key,
  partnership_id text not null,
  local_authority_code text not null,
  nature text not null,
  notified_on text not null,
  guidance_edition text not null,
  awaiting boolean not null,
  submitted_at text,
  submitted_on text,
  submission integer,
  local_review_decision text,
  national_criteria_may_be_met boolean,
  target_on text
);
create index panel_queue_oldest on read_models.panel_queue (submitted_at, incident_id) where awaiting;

create table read_models.reviews (
  review_id text primary key,
  kind text not null,
  partnership_ids jsonb not null,
  incident_ids jsonb not null,
  status text not null,
  case_name text,
  title text,
  thematic boolean not null,
  commissioned_at text not null,
  commissioned_on text not null,
  guidance_edition text not null,
  reviewer jsonb,
  delays jsonb not null,
  final_report jsonb,
  publication jsonb,
  action_plan jsonb,
  closure jsonb,
  deadlines jsonb not null,
  next_due_on text,
  history jsonb not null,
  last_event_at text not null,
  version integer not null
);
create index reviews_order on read_models.reviews (commissioned_at desc, review_id desc);

create table read_models.published_reports (
  review_id text primary key,
  kind text not null,
  partnership_id text,
  partnership_ids jsonb not null,
  title text,
  case_name text,
  published_on text,
  year integer,
  publication text,
  documents jsonb not null,
  summary text,
  themes jsonb not null,
  recommendations jsonb not null,
  keywords jsonb not null,
  review_model text,
  link text,
  search_text text
);
create index published_reports_order on read_models.published_reports (published_on desc, review_id desc) where published_on is not null;

create table read_models.notification_facts (
  incident_id text primary key,
  partnership_id text not null,
  local_authority_code text not null,
  region text not null,
  nature text not null,
  guidance_edition text not null,
  became_aware_on text not null,
  notified_on text not null,
  statistics_year text not null,
  quarter text not null,
  notification_due_on text not null,
  notified_within_deadline boolean not null,
  rapid_review_required boolean not null,
  rapid_review_due_on text,
  rapid_review_submitted_on text,
  rapid_review_within_deadline boolean,
  children jsonb not null,
  withdrawn boolean not null
);
create index notification_facts_year on read_models.notification_facts (statistics_year);

create table read_models.partnerships (
  partnership_id text primary key,
  name text not null,
  local_authority_codes jsonb not null,
  registered_at text not null,
  version integer not null
);
`;

/**
 * Rows of a few kilobytes (incident with history and sealed parts) would be compressed and moved out of line by
 * TOAST from 2 kB; keeping them inline and uncompressed up to a page makes rebuild writes cheaper.
 */
const inlineRows = `
alter table read_models.incidents set (toast_tuple_target = 8160);
alter table read_models.reviews set (toast_tuple_target = 8160);
alter table read_models.published_reports set (toast_tuple_target = 8160);
`;

/** Partnership pages group reviews by kind and list other areas' and historic reviews */
const PUBLISHED_HISTORY_SQL = `
alter table read_models.published_reports
  add column listing_kind text not null default 'child-safeguarding-practice-review',
  add column other_area text,
  add column historic boolean not null default false,
  add column listing_position integer,
  add column concerned_ids jsonb not null default '[]';
update read_models.published_reports set listing_kind = 'national-review' where kind = 'national';
create index published_reports_partnership on read_models.published_reports using gin (partnership_ids) where published_on is not null;
`;

export const readModelMigrations: Migration[] = [
  { id: '0001-read-models', sql: initial },
  { id: '0002-inline-rows', sql: inlineRows },
  { id: '0003-referrals', sql: REFERRALS_TABLE_SQL },
  { id: '0004-review-learning', sql: REVIEW_LEARNING_TABLE_SQL },
  { id: '0005-incidents-became-aware-declared', sql: INCIDENT_BECAME_AWARE_DECLARED_SQL },
  { id: '0006-published-history', sql: PUBLISHED_HISTORY_SQL },
  { id: '0006-access-grants', sql: ACCESS_GRANTS_TABLE_SQL },
  { id: '0007-notification-facts-dfe', sql: NOTIFICATION_FACTS_DFE_SQL },
  { id: '0008-statistics-releases', sql: STATISTICS_RELEASES_TABLE_SQL },
  { id: '0009-incidents-clock-and-merges', sql: INCIDENT_CLOCK_AND_MERGES_SQL },
  { id: '0010-case-references', sql: CASE_REFERENCE_COLUMNS_SQL },
  { id: '0011-erasure-requests', sql: ERASURE_REQUESTS_TABLE_SQL },
  { id: '0012-erasure-subjects', sql: ERASURE_SUBJECTS_SQL },
  { id: '0013-review-incident-ids', sql: REVIEW_INCIDENT_IDS_SQL },
  { id: '0014-pending-rewrites', sql: PENDING_REWRITES_TABLE_SQL },
];

/** Every read-model table, emptied together by a rebuild (checkpoints excepted: they are reset, not emptied). */
export const READ_MODEL_TABLES = [
  'read_models.dead_letters',
  'read_models.incidents',
  'read_models.panel_queue',
  'read_models.reviews',
  'read_models.published_reports',
  'read_models.notification_facts',
  'read_models.partnerships',
  'read_models.referrals',
  'read_models.erasure_requests',
  'read_models.review_learning',
  'read_models.statistics_releases',
  'read_models.access_grants',
] as const;

export const migrateReadModels = async (sql: Sql): Promise<void> => {
  await runMigrations(sql, { schema: READ_MODELS_SCHEMA, migrations: readModelMigrations });
  await ensureCheckpoint(sql);
};
