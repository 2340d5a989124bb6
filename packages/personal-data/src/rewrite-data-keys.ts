import type { Sql } from 'postgres';
import { rewriteTables } from '@cspr/database';

/**
 * Setting `wrapped_key` to NULL leaves the row's previous version, wrapped key and all, in the table's file
 * (PostgreSQL MVCC): whoever held the database files and the master key could still unwrap the destroyed key and
 * open everything it sealed. Rewriting the table (VACUUM FULL) removes that version. Run after every destruction
 * (erasure, re-applied erasure) and every re-wrap (the old wrap under a retired master key goes the same way).
 *
 * The rewrite locks `data_keys` (ACCESS EXCLUSIVE) while it copies it, so seals and opens that miss the key cache
 * wait meanwhile. That is acceptable: erasures and rotations are rare, and the table holds one small row per
 * subject (its wrapped key, ids, dates), which copies in milliseconds to a fraction of a second. It waits at most
 * a few seconds for the lock (a long transaction elsewhere makes it fail rather than stall every reader behind it).
 */
export const rewriteDataKeys = (sql: Sql): Promise<void> => rewriteTables(sql, ['personal_data.data_keys']);
