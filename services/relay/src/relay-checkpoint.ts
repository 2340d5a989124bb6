/**
 * The relay's checkpoint and lease, in one row of `relay.checkpoints` per relay name.
 *
 * The checkpoint is the log position of the last event the broker acknowledged. The lease (owner, epoch, expiry)
 * says which relay instance may publish: a second relay started by mistake waits as a standby. Every checkpoint
 * write is a compare-and-set on (owner, epoch), so an instance that lost its lease (it stalled past the expiry and a
 * standby took over) can never move the checkpoint again; at worst it publishes one batch twice, which consumers
 * de-duplicate on `ce_id`. Expiry uses the database clock, so clocks of different hosts do not matter.
 */
import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';
import { LOG_START } from '@cspr/event-store';
import type { LogPosition } from '@cspr/event-store';

export const RELAY_SCHEMA = 'relay';

export const migrateRelay = (sql: Sql) =>
  runMigrations(sql, {
    schema: RELAY_SCHEMA,
    migrations: [
      {
        id: '0001-checkpoints',
        // Positions are unsigned 64-bit (xid8, EventStoreDB's $all), which bigint cannot hold: numeric(20).
        sql: `create table relay.checkpoints (
          name text primary key,
          commit_position numeric(20, 0) not null default 0,
          prepare_position numeric(20, 0) not null default 0,
          owner text,
          epoch bigint not null default 0,
          lease_expires_at timestamptz,
          updated_at timestamptz not null default now()
        )`,
      },
    ],
  });

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(
    readonly relayName: string,
    readonly owner: string,
  ) {
    super(`Relay ${relayName}: ${owner} no longer holds the lease`);
  }
}

/** What an instance holds while it publishes: its fencing token. */
export type Lease = { owner: string; epoch: bigint };

type Row = { commit_position: string; prepare_position: string; owner: string | null; epoch: string; expired: boolean };

const toPosition = (row: Pick<Row, 'commit_position' | 'prepare_position'>): LogPosition => ({
  commit: BigInt(row.commit_position),
  prepare: BigInt(row.prepare_position),
});

export const createCheckpointStore = (sql: Sql, relayName: string, leaseTtlMs: number) => {
  const ttl = `${Math.max(1, Math.round(leaseTtlMs))} milliseconds`;
  const ensureRow = () => sql`insert into relay.checkpoints (name) values (${relayName}) on conflict (name) do nothing`;

  return {
    read: async (): Promise<LogPosition> => {
      const rows = await sql<
        Row[]
      >`select commit_position, prepare_position from relay.checkpoints where name = ${relayName}`;
      return rows[0] ? toPosition(rows[0]) : LOG_START;
    },

    /** Who holds the lease now, for the status answer. */
    holder: async (): Promise<{ owner: string | null; expiresAt: Date | null }> => {
      const rows = await sql<{ owner: string | null; lease_expires_at: Date | null }[]>`
        select owner, lease_expires_at from relay.checkpoints where name = ${relayName}`;
      return { owner: rows[0]?.owner ?? null, expiresAt: rows[0]?.lease_expires_at ?? null };
    },

    /**
     * Takes the lease when it is free, expired or already ours, or unconditionally with `force` (used when the
     * PostgreSQL advisory lock proved the previous holder's session is gone). Each take bumps the epoch.
     */
    tryAcquire: async (owner: string, force = false): Promise<Lease | undefined> => {
      await ensureRow();
      const rows = await sql<{ epoch: string }[]>`
        update relay.checkpoints
           set owner = ${owner}, epoch = epoch + 1, lease_expires_at = now() + ${ttl}::interval, updated_at = now()
         where name = ${relayName}
           and (${force}::boolean or owner is null or owner = ${owner} or lease_expires_at is null or lease_expires_at < now())
        returning epoch`;
      return rows[0] ? { owner, epoch: BigInt(rows[0].epoch) } : undefined;
    },

    /** Extends the lease; throws LeaseLostError when another instance took it. */
    renew: async (lease: Lease): Promise<void> => {
      const rows = await sql`
        update relay.checkpoints set lease_expires_at = now() + ${ttl}::interval
         where name = ${relayName} and owner = ${lease.owner} and epoch = ${lease.epoch.toString()}
        returning 1`;
      if (rows.length === 0) throw new LeaseLostError(relayName, lease.owner);
    },

    /**
     * Moves the checkpoint (after the broker acknowledged) and extends the lease, fenced by the lease.
     *
     * Committed without waiting for the WAL flush (synchronous_commit off for this statement's transaction only):
     * the next batch's send waits for this write, and a flush under a busy disk took tens of milliseconds. A database
     * crash can lose the last such writes, moving the checkpoint back: those batches are sent again, duplicates the
     * feed already allows (consumers de-duplicate on `ce_id`), never a gap. Taking the lease stays a durable commit.
     */
    advance: async (lease: Lease, position: LogPosition): Promise<void> => {
      const rows = await sql`
        with no_flush_wait as (select set_config('synchronous_commit', 'off', true))
        update relay.checkpoints
           set commit_position = ${position.commit.toString()}, prepare_position = ${position.prepare.toString()},
               lease_expires_at = now() + ${ttl}::interval, updated_at = now()
          from no_flush_wait
         where name = ${relayName} and owner = ${lease.owner} and epoch = ${lease.epoch.toString()}
        returning 1`;
      if (rows.length === 0) throw new LeaseLostError(relayName, lease.owner);
    },

    /** Gives the lease up on a clean stop, so a standby takes over at once instead of after the expiry. */
    release: async (lease: Lease): Promise<void> => {
      await sql`
        update relay.checkpoints set owner = null, lease_expires_at = null, updated_at = now()
         where name = ${relayName} and owner = ${lease.owner} and epoch = ${lease.epoch.toString()}`;
    },
  };
};

export type CheckpointStore = ReturnType<typeof createCheckpointStore>;
