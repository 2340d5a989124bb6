/**
 * The notifier's own tables (schema `notifier`). It folds the log into them itself, with its own checkpoint, so a
 * rebuild of the read models can neither hide a deadline from it nor make it send twice.
 *
 * - `checkpoint`: the log position folded (moved by compare-and-set in the transaction that applies the events),
 *   the calendar version the due dates were computed with, and the last day planned.
 * - `deadlines`: each deadline the notifier tracks, with its anchor so a corrected calendar re-computes it.
 * - `subjects`: each incident, referral or review the emails name (partnership, local authority, reference, link).
 * - `case_references`: readable references (INC-2026-00123) by incident or review id, whichever comes first.
 * - `contacts`: each partnership's contacts and what they receive (folded from the partnership stream).
 * - `outbox`: one row per email; the unique key (deadline_key, kind, recipient) makes a second send impossible.
 * - `refused_addresses`: addresses the channel refused, shown against the contact.
 * - `dev_mailbox`: where the development channel delivers (the /dev/mailbox page).
 */
import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';

export const NOTIFIER_SCHEMA = 'notifier';

export const migrateNotifier = (sql: Sql) =>
  runMigrations(sql, {
    schema: NOTIFIER_SCHEMA,
    migrations: [
      {
        id: '0001-notifier',
        sql: `
        create table notifier.checkpoint (
          name text primary key,
          commit_position numeric(20, 0) not null default 0,
          prepare_position numeric(20, 0) not null default 0,
          calendar_version text,
          deadlines_version bigint not null default 0,
          planned_on date,
          planned_version bigint not null default -1,
          updated_at timestamptz not null default now()
        );
        insert into notifier.checkpoint (name) values ('log');
        create table notifier.partnerships (partnership_id text primary key, name text not null);
        create table notifier.subjects (
          subject text primary key,
          partnership_id text not null,
          local_authority_code text,
          reference text not null,
          link text not null
        );
        create table notifier.case_references (subject_id text primary key, reference text not null);
        create table notifier.contacts (
          partnership_id text not null,
          contact_id text not null,
          kind text not null,
          email text not null,
          receives text[] not null,
          primary key (partnership_id, contact_id)
        );
        create table notifier.deadlines (
          deadline_id text primary key,
          subject text not null,
          partnership_id text not null,
          local_authority_code text,
          reference text not null,
          link text not null,
          kind text not null,
          owner text not null,
          anchor text not null,
          anchor_date date not null,
          edition text not null,
          due_on date not null,
          state text not null default 'open',
          closed_on date
        );
        create index deadlines_open on notifier.deadlines (due_on) where state = 'open';
        create table notifier.outbox (
          id bigserial primary key,
          deadline_key text not null,
          kind text not null,
          recipient text not null,
          deadline_id text,
          template text not null,
          personalisation jsonb not null,
          message_id text not null,
          windowed boolean not null,
          scheduled_on date not null,
          status text not null default 'pending',
          attempts int not null default 0,
          next_attempt_at timestamptz not null default '-infinity',
          claim_token uuid,
          claimed_by text,
          claimed_until timestamptz,
          last_error text,
          provider_id text,
          sent_at timestamptz,
          created_at timestamptz not null default now(),
          unique (deadline_key, kind, recipient)
        );
        create index outbox_ready on notifier.outbox (next_attempt_at) where status in ('pending', 'sending');
        create index outbox_deadline on notifier.outbox (deadline_id, recipient) where windowed;
        create table notifier.refused_addresses (
          email text primary key,
          reason text not null,
          refused_at timestamptz not null default now(),
          outbox_id bigint
        );
        create table notifier.dev_mailbox (
          message_id text primary key,
          recipient text not null,
          subject text not null,
          body text not null,
          delivered_at timestamptz not null default now()
        );
        create table notifier.event_problems (
          position text primary key,
          event_type text not null,
          problem text not null,
          recorded_at timestamptz not null default now()
        );`,
      },
    ],
  });
