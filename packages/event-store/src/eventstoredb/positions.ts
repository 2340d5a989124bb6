import { START } from '@eventstore/db-client';
import type { Position, ReadPosition } from '@eventstore/db-client';
import { EventStoreError, LOG_START, comparePositions } from '../event-store';
import type { LogPosition } from '../event-store';

/**
 * Our LogPosition is EventStoreDB's `$all` position: commit and prepare positions in the transaction file, both
 * bigints, compared commit first. Nothing is lost either way.
 */
export const fromEsdbPosition = (position: Position | undefined, what: string): LogPosition => {
  if (!position) {
    // Reads of a single stream carry positions only from server 22.6 on; older servers are not supported.
    throw new EventStoreError(
      'invalid_position',
      `${what} came back without a log position (EventStoreDB older than 22.6?)`,
    );
  }
  return { commit: position.commit, prepare: position.prepare };
};

/** Where a read of `$all` must start to return everything strictly after `after` (the read is inclusive). */
export const readPositionAfter = (after: LogPosition | undefined): ReadPosition =>
  !after || comparePositions(after, LOG_START) === 0 ? START : { commit: after.commit, prepare: after.prepare };

/** True when `position` is strictly after `after` (no `after`: everything is). */
export const isAfter = (position: LogPosition, after: LogPosition | undefined): boolean =>
  !after || comparePositions(position, after) > 0;
