import type { Sql } from 'postgres';

export type RewriteTablesOptions = {
  /**
   * How long to wait for the table lock before giving up (the caller retries). Default 5000 ms. A VACUUM FULL
   * queued behind a long transaction would hold up every other query on the table behind it meanwhile.
   */
  lockTimeoutMs?: number;
  /**
   * How long to wait for the transactions older than the call to end before giving up (the caller retries).
   * Default 10,000 ms.
   */
  olderTransactionsTimeoutMs?: number;
  /** Also refresh the planner statistics (their samples of column values hold old values too). Default false. */
  analyze?: boolean;
};

const TABLE_NAME = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * VACUUM FULL copies a row version still visible to some snapshot (a read that began before the update committed)
 * along with the live ones: it drops it only once the server's cleanup horizon has passed the update. That horizon
 * is the oldest snapshot or transaction id of a session of this database, and every new snapshot (the rewrite's
 * own too) starts at the oldest transaction still running in ANY database of the server; a standby's feedback
 * (walsender) and a replication slot hold it back too. So this waits until every transaction id assigned before the
 * call has ended, server-wide, and no other session of this database, standby or slot holds a snapshot from before
 * it. pg_stat_activity shows the snapshots of other roles' sessions only to a
 * superuser or a role with pg_read_all_stats: those of the platform's own sessions (one role) it always sees.
 */
const waitForOlderTransactions = async (sql: Sql, timeoutMs: number): Promise<void> => {
  // Every transaction committed before now has an id below the next one to be assigned.
  const [{ next }] = await sql<[{ next: string }]>`select pg_snapshot_xmax(pg_current_snapshot())::text as next`;
  const horizon = String(BigInt(next) % 2n ** 32n); // pg_stat_activity shows 32-bit ids; age() compares them
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ running, snapshots }] = await sql<[{ running: string; snapshots: number }]>`
      select pg_snapshot_xmin(pg_current_snapshot())::text as running,
        (select count(*)::int from pg_stat_activity
          where (datname = current_database() or backend_type = 'walsender') and pid <> pg_backend_pid()
            and (age(backend_xmin) > age(${horizon}::xid) or age(backend_xid) > age(${horizon}::xid)))
        + (select count(*)::int from pg_replication_slots where age(xmin) > age(${horizon}::xid)) as snapshots`;
    if (BigInt(running) >= BigInt(next) && snapshots === 0) return;
    if (Date.now() > deadline)
      throw new Error('rewriteTables: older transactions are still open; the old row versions would stay');
    await sleep(50);
  }
};

/**
 * Removes the bytes of old row versions from `tables` (schema-qualified constants, never input). PostgreSQL keeps
 * the version of a row an UPDATE replaced in the table's file (MVCC); a plain VACUUM marks its space reusable, which
 * may leave its bytes there until something overwrites them. VACUUM FULL writes a fresh copy of each table, of its
 * TOAST table and of every index (rebuilt from the live rows, so expression and GIN entries of old values go too)
 * and drops the old files. It holds an ACCESS EXCLUSIVE lock on each table while it copies it: readers and writers
 * wait, so keep it to small tables or rare events. It cannot run inside a transaction block: this takes one
 * connection of the pool for itself. PGlite runs it the same way (its one connection queues the other queries).
 * Call it after the transaction that replaced the rows has committed: it first waits for older readers to end.
 */
export const rewriteTables = async (
  sql: Sql,
  tables: readonly string[],
  options: RewriteTablesOptions = {},
): Promise<void> => {
  if (tables.length === 0) return;
  for (const table of tables)
    if (!TABLE_NAME.test(table)) throw new Error(`rewriteTables: ${table} is not a schema-qualified table name`);
  await waitForOlderTransactions(sql, options.olderTransactionsTimeoutMs ?? 10_000);
  const reserved = await sql.reserve();
  try {
    await reserved`select set_config('lock_timeout', ${String(options.lockTimeoutMs ?? 5000)}, false)`;
    await reserved.unsafe(`vacuum (full${options.analyze ? ', analyze' : ''}) ${tables.join(', ')}`);
  } finally {
    await reserved`reset lock_timeout`.catch(() => undefined);
    reserved.release();
  }
};
