/**
 * Migration for the incidents read model: the became-aware date as first declared, kept apart from the current one.
 *
 * Why: the notification deadline (5 working days from becoming aware) is a compliance measure of the notification
 * as made. Following docs/architecture.md "Domain facts" ("characteristics are recorded as at notification"), an amendment that moves the
 * became-aware date later must not turn a late notification into an on-time one, so the deadline and the national
 * statistics keep the date declared at notification as their anchor; the amended date is shown as the current fact,
 * flagged as amended. Rows projected before this column existed start from their current date until a rebuild.
 */
export const INCIDENT_BECAME_AWARE_DECLARED_SQL = `
alter table read_models.incidents add column if not exists became_aware_declared_on text;
alter table read_models.incidents add column if not exists became_aware_amended boolean not null default false;
update read_models.incidents set became_aware_declared_on = became_aware_on where became_aware_declared_on is null;
alter table read_models.incidents alter column became_aware_declared_on set not null;
`;

/**
 * The notification clock counts from the earliest became-aware date ever recorded (issue 14: a correction either way
 * never hides a late notification), and duplicates merged into an incident are listed on it for the Panel. Rows
 * projected before start from the earlier of their declared and current dates, with no merges, until a rebuild.
 */
export const INCIDENT_CLOCK_AND_MERGES_SQL = `
alter table read_models.incidents add column if not exists became_aware_clock_on text;
alter table read_models.incidents add column if not exists merged_duplicates jsonb not null default '[]'::jsonb;
update read_models.incidents set became_aware_clock_on = least(became_aware_declared_on, became_aware_on) where became_aware_clock_on is null;
alter table read_models.incidents alter column became_aware_clock_on set not null;
`;
