import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { EventStoreError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store';
import type { ExpectedRevision } from '../event-store';
import { fromEsdbCurrentRevision, fromEsdbExpectedRevision } from './revisions';

export type ErrorContext = { operation: string; streamId?: string; expected?: ExpectedRevision };

/**
 * The client's errors in our terms. A conflict keeps the stream's actual revision; a missing or deleted stream is
 * `stream_not_found`; everything that means "the server could not be reached or answer in time" is `connection`
 * (the client drops its channel on those and opens a new one on the next call, see docs/eventstoredb.md).
 * Anything else is returned unchanged rather than dressed up as something it is not.
 */
export const fromClientError = (error: unknown, context: ErrorContext): unknown => {
  if (error instanceof EventStoreError || !(error instanceof Error)) return error;
  const converted = convertToCommandError(error);
  if (converted instanceof WrongExpectedVersionError) {
    const streamId = context.streamId ?? converted.streamName;
    const expected = context.expected ?? fromEsdbExpectedRevision(converted.expectedVersion);
    return new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrentRevision(converted.actualVersion));
  }
  if (converted instanceof EsdbStreamNotFoundError || converted instanceof StreamDeletedError) {
    return new StreamNotFoundError(context.streamId ?? converted.streamName);
  }
  if (converted instanceof MaxAppendSizeExceededError) {
    return new EventStoreError(
      'invalid_event',
      `${context.operation}: append larger than the server accepts (${converted.maxAppendSize} bytes)`,
      { cause: converted },
    );
  }
  if (converted instanceof AccessDeniedError) {
    return new EventStoreError(
      'connection',
      `${context.operation}: access denied (check the user in EVENTSTORE_CONNECTION_STRING)`,
      { cause: converted },
    );
  }
  if (
    converted instanceof UnavailableError ||
    converted instanceof CancelledError ||
    converted instanceof DeadlineExceededError ||
    converted instanceof TimeoutError ||
    converted instanceof NotLeaderError ||
    /Failed to discover after/.test(converted.message)
  ) {
    return new EventStoreError(
      'connection',
      `${context.operation}: EventStoreDB unreachable or too slow (${converted.message})`,
      { cause: converted },
    );
  }
  return converted;
};

/** True for the errors after which a subscription should reconnect rather than stop (not a refused login). */
export const isRetryable = (error: unknown): boolean =>
  error instanceof EventStoreError && error.code === 'connection' && !(error.cause instanceof AccessDeniedError);
