/**
 * After an erasure: rewriting the read-model tables whose opened pseudonyms it blanked. Blanking a row leaves its
 * old version, the erased case name or title in plaintext, in the table's files (PostgreSQL MVCC) until the table
 * is rewritten (VACUUM FULL, @cspr/database rewriteTables). The batch that blanked records the table in
 * read_models.pending_rewrites; this rewrites every table listed there in one statement, one run at a time, so
 * several erasures (in one batch or while a run is under way) cost one rewrite. A failure is logged and retried
 * with a growing pause; it never holds up projecting.
 *
 * The rewrite locks the table (ACCESS EXCLUSIVE) while it copies it: queries on `reviews`, `published_reports` or
 * `review_learning` wait for it, and so does the next batch that writes them. Erasures are rare and these tables
 * hold a row per review; a lock it cannot get within a few seconds makes the run fail and retry later.
 */
import type { Sql } from 'postgres';
import { rewriteTables, type RewriteTablesOptions } from '@cspr/database';
import { clearPendingRewrites, readPendingRewrites } from '@cspr/read-models';
import type { ProjectorLogger } from './projector-logger';

/** Defaults: 5 s for the lock, 10 s for older transactions (@cspr/database rewriteTables). */
export type ErasureRewriteWaits = Pick<RewriteTablesOptions, 'lockTimeoutMs' | 'olderTransactionsTimeoutMs'>;

export type ErasureRewrites = {
  /** Rewrites what is pending, now or after the run under way. Never throws. */
  request: () => void;
  /** Tables waiting for a rewrite or in one, as of the last look. */
  pending: () => number;
  /** Ends the retries and waits for a run under way; what is left stays recorded for the next start. */
  stop: () => Promise<void>;
};

export const createErasureRewrites = (options: {
  sql: Sql;
  logger: ProjectorLogger;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  waits?: ErasureRewriteWaits;
}): ErasureRewrites => {
  const { sql, logger } = options;
  let running: Promise<void> | undefined;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let pending = 0;
  let stopped = false;

  const rewritePending = async () => {
    const { tables, before } = await readPendingRewrites(sql);
    pending = tables.length;
    if (tables.length === 0) return;
    const started = performance.now();
    // analyze: the planner's statistics keep samples of column values, erased ones among them.
    await rewriteTables(sql, tables, { ...options.waits, analyze: true });
    await clearPendingRewrites(sql, tables, before);
    pending = (await readPendingRewrites(sql)).tables.length;
    logger.info(
      { tables, ms: Math.round(performance.now() - started) },
      'read models rewritten after an erasure: the blanked text is gone from their files',
    );
  };

  const request = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(retry);
    retry = undefined;
    again = false;
    running = rewritePending()
      .then(() => {
        failures = 0;
      })
      .catch((error: unknown) => {
        failures += 1;
        const delay = Math.min(options.retryDelayMs * 2 ** (failures - 1), options.maxRetryDelayMs);
        // Only the error's class and code: a driver's message may quote data.
        const code = (error as { code?: unknown } | null)?.code;
        logger.warn(
          {
            errorName: error instanceof Error ? error.name : 'unknown',
            code: typeof code === 'string' ? code : undefined,
            retryInMs: delay,
          },
          'rewriting read models after an erasure failed: the blanked text stays in their files until a retry succeeds',
        );
        if (!stopped) retry = setTimeout(request, delay);
      })
      .finally(() => {
        running = undefined;
        if (again && !retry) {
          again = false;
          request();
        }
      });
  };

  return {
    request,
    pending: () => pending,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await running;
    },
  };
};
