/**
 * Only one relay publishes (two started by mistake must not interleave). Two mechanisms, for two deployments:
 *
 * - On a PostgreSQL server: a session-level `pg_try_advisory_lock` held on a dedicated (reserved) connection while
 *   the relay is active. When the holder dies (SIGKILL, crash, network loss) its session ends and the lock is freed at
 *   once, so a standby takes over within a second instead of waiting for a lease to expire. The standby then takes
 *   the lease row by force, bumping its epoch.
 * - On embedded PGlite there is exactly one connection, shared by the whole process: a session lock would be held
 *   by everyone in it, and reserving the only connection would block every other query. There the lease row alone
 *   decides (owner + expiry, renewed by a heartbeat and by every checkpoint write).
 *
 * In both cases the lease's (owner, epoch) fences the checkpoint: an instance that lost its turn cannot move it.
 */
import type { ReservedSql, Sql } from 'postgres';
import type { CheckpointStore, Lease } from './relay-checkpoint';

export type RelayGuard = {
  /** One attempt to become the active relay: the lease, or undefined while another instance holds it. */
  tryAcquire: () => Promise<Lease | undefined>;
  /** Gives up the turn (clean stop or lost lease). */
  release: (lease: Lease | undefined) => Promise<void>;
};

export const createRelayGuard = (options: {
  sql: Sql;
  checkpoints: CheckpointStore;
  relayName: string;
  owner: string;
  embedded: boolean;
}): RelayGuard => {
  const { sql, checkpoints, owner } = options;
  const lockKey = `cspr.relay.${options.relayName}`;
  if (options.embedded) {
    return {
      tryAcquire: () => checkpoints.tryAcquire(owner),
      release: async (lease) => {
        if (lease) await checkpoints.release(lease);
      },
    };
  }

  let reserved: ReservedSql | undefined;
  let locked = false;
  const dropConnection = () => {
    reserved?.release();
    reserved = undefined;
    locked = false;
  };

  return {
    tryAcquire: async () => {
      try {
        reserved ??= await sql.reserve();
        if (!locked) {
          const [row] = await reserved<
            { locked: boolean }[]
          >`select pg_try_advisory_lock(hashtext(${lockKey})) as locked`;
          locked = row?.locked === true;
        }
      } catch (error) {
        // The dedicated connection broke: whatever lock it held is gone with it.
        dropConnection();
        throw error;
      }
      // The lock proves no other live session is active, so a lease left behind by a dead instance is taken by force.
      return locked ? checkpoints.tryAcquire(owner, true) : undefined;
    },
    release: async (lease) => {
      if (lease) await checkpoints.release(lease).catch(() => undefined);
      if (reserved && locked) await reserved`select pg_advisory_unlock(hashtext(${lockKey}))`.catch(() => undefined);
      dropConnection();
    },
  };
};
