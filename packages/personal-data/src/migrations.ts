import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';

export const PERSONAL_DATA_SCHEMA = 'personal_data';

/**
 * `data_keys`: one data key per subject (incident or review id), wrapped by the master key. Destroying a key sets
 * `wrapped_key` to NULL and records who asked and who approved in `erasure` (no personal data). A trigger makes
 * destruction one-way inside this database; a restored backup is the one way back, see docs/personal-data.md.
 *
 * `audit_log`: who read which subject's personal data. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 */
const V1 = `
create table personal_data.data_keys (
  subject_id text primary key,
  data_key_id uuid not null,
  wrapped_key text,
  key_id text not null,
  created_at timestamptz not null default now(),
  rewrapped_at timestamptz,
  destroyed_at timestamptz,
  erasure jsonb,
  constraint data_keys_destroyed_means_no_key check ((wrapped_key is null) = (destroyed_at is not null))
);

create function personal_data.data_keys_stay_destroyed() returns trigger language plpgsql as $$
begin
  if old.destroyed_at is not null and (new.wrapped_key is not null or new.destroyed_at is null) then
    raise exception 'personal_data.data_keys: the data key of subject % was destroyed and cannot be restored', old.subject_id
      using errcode = 'P0001';
  end if;
  return new;
end $$;

create trigger data_keys_stay_destroyed before update on personal_data.data_keys
  for each row execute function personal_data.data_keys_stay_destroyed();

create table personal_data.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id text not null,
  role text not null,
  partnership_id text,
  subject_id text not null,
  fields text[] not null,
  purpose text,
  request_id text not null
);
create index audit_log_subject on personal_data.audit_log (subject_id, id);
create index audit_log_actor on personal_data.audit_log (actor_id, id);
create index audit_log_at on personal_data.audit_log (at, id);

create function personal_data.audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'personal_data.audit_log is append-only: % refused', tg_op using errcode = 'P0001';
end $$;

create trigger audit_log_no_update_delete before update or delete on personal_data.audit_log
  for each row execute function personal_data.audit_log_append_only();
create trigger audit_log_no_truncate before truncate on personal_data.audit_log
  for each statement execute function personal_data.audit_log_append_only();
`;

export const migratePersonalData = async (sql: Sql): Promise<void> => {
  await runMigrations(sql, {
    schema: PERSONAL_DATA_SCHEMA,
    migrations: [{ id: '0001-data-keys-and-audit-log', sql: V1 }],
  });
};
