/**
 * Applies one batch of events to every read model and moves the checkpoint, all in one transaction
 * (exactly-once for read models): checkpoint compare-and-set, rows loaded, events applied in memory, rows written,
 * then each projection's `afterBatch` step, and the tables an erasure blanked or deleted from recorded for their
 * rewrite (pending-rewrites.ts). The rebuild's own pipeline records none: its tables are new and replace the served
 * ones, whose files go with them.
 */
import type { Sql } from 'postgres';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import {
  applyEvents,
  emptyOutcome,
  keysFor,
  newTableStates,
  toProjectedEvent,
  type BatchOutcome,
} from './batch-memory';
import { loadRows, writeRows } from './batch-sql';
import { advanceCheckpoint } from './checkpoint';
import { recordPendingRewrites } from './pending-rewrites';
import type { Projection, ProjectionContext } from './projection';

export type { BatchOutcome, DeadLetter } from './batch-memory';
export { toProjectedEvent, ProjectionHaltedError } from './batch-memory';

/**
 * One batch, one transaction: checkpoint compare-and-set first (it takes the row lock, so a racing projector waits
 * here and then fails the compare), then rows loaded, events applied, rows and dead letters written.
 */
export const applyBatch = async (
  sql: Sql,
  projections: Projection[],
  recorded: RecordedEvent[],
  expected: LogPosition,
  context: ProjectionContext,
): Promise<BatchOutcome> => {
  const last = recorded[recorded.length - 1];
  const outcome = emptyOutcome(expected);
  if (!last) return outcome;
  const events = recorded.map(toProjectedEvent);
  await sql.begin(async (tx) => {
    await advanceCheckpoint(tx, expected, last.position, recorded.length);
    const states = newTableStates(projections);
    const keys = await Promise.all(
      states.map(async ({ projection }) => {
        const found = keysFor(projection, events);
        if (projection.lookupKeys)
          for (const key of await projection.lookupKeys(tx, events, projection.table)) found.add(key);
        return found;
      }),
    );
    await loadRows(tx, states, keys);
    const letters = applyEvents(states, events, context, outcome);
    await writeRows(tx, states, letters);
    for (const projection of projections)
      for (const table of (await projection.afterBatch?.(tx, events)) ?? []) outcome.tablesToRewrite.add(table);
    await recordPendingRewrites(tx, outcome.tablesToRewrite);
    outcome.deadLettered = letters.length;
  });
  outcome.position = last.position;
  return outcome;
};
