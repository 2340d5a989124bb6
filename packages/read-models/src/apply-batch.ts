/**
 * Applies one batch of events to every read model and moves the checkpoint, all in one transaction
 * (exactly-once for read models): checkpoint compare-and-set, rows loaded, events applied in memory, rows written,
 * then each projection's `afterBatch` step.
 */
import type { Sql } from 'postgres';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import { applyEvents, keysFor, newTableStates, toProjectedEvent, type BatchOutcome } from './batch-memory';
import { loadRows, writeRows } from './batch-sql';
import { advanceCheckpoint } from './checkpoint';
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
  const outcome: BatchOutcome = { position: expected, applied: 0, skipped: 0, deadLettered: 0 };
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
    for (const projection of projections) await projection.afterBatch?.(tx, events);
    outcome.deadLettered = letters.length;
  });
  outcome.position = last.position;
  return outcome;
};
