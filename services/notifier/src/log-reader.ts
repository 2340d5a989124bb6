/**
 * Reads the log from the notifier's checkpoint and folds each batch in one transaction that first moves the
 * checkpoint by compare-and-set: a second instance reading the same batch finds the checkpoint moved and folds
 * nothing (its transaction waits on the row lock, then matches no row). An event the fold cannot use is recorded
 * in `notifier.event_problems` and skipped, never thrown at the reader.
 */
import type { Sql, TransactionSql } from 'postgres';
import { formatPosition, type EventStore, type LogPosition } from '@cspr/event-store';
import { foldEvent, type FoldContext } from './deadline-fold';

export const readCheckpoint = async (sql: Sql): Promise<LogPosition> => {
  const row = (
    await sql<{ c: string; p: string }[]>`
    select commit_position::text as c, prepare_position::text as p from notifier.checkpoint where name = 'log'`
  )[0]!;
  return { commit: BigInt(row.c), prepare: BigInt(row.p) };
};

const applyBatch = async (tx: TransactionSql, ctx: FoldContext, events: Awaited<ReturnType<EventStore['readAll']>>) => {
  for (const event of events) {
    try {
      await tx.savepoint((sp) =>
        foldEvent(sp as unknown as TransactionSql, ctx, {
          type: event.type,
          data: event.data,
          occurredAt: event.metadata.occurredAt ?? event.recordedAt.toISOString(),
        }),
      );
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      await tx`insert into notifier.event_problems (position, event_type, problem)
               values (${formatPosition(event.position)}, ${event.type}, ${problem.slice(0, 300)}) on conflict do nothing`;
    }
  }
};

/** Folds everything behind the head; returns the number of events this instance folded. */
export const catchUp = async (
  sql: Sql,
  store: EventStore,
  ctx: () => FoldContext,
  batchSize = 500,
): Promise<number> => {
  let folded = 0;
  for (;;) {
    const from = await readCheckpoint(sql);
    const events = await store.readAll({ after: from, maxCount: batchSize });
    if (events.length === 0) return folded;
    const to = events[events.length - 1]!.position;
    const applied = await sql.begin(async (tx) => {
      const moved = await tx`
        update notifier.checkpoint set commit_position = ${to.commit.toString()}, prepare_position = ${to.prepare.toString()},
               updated_at = now()
         where name = 'log' and commit_position = ${from.commit.toString()} and prepare_position = ${from.prepare.toString()}
        returning 1`;
      if (moved.length === 0) return false;
      await applyBatch(tx, ctx(), events);
      return true;
    });
    if (applied) folded += events.length;
  }
};
