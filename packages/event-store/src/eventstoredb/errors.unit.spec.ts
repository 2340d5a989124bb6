import { describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store';
import { fromClientError, isRetryable } from './errors';

const conflict = (expected: bigint | 'any' | 'no_stream' | 'stream_exists', current: bigint | 'no_stream') =>
  new WrongExpectedVersionError(undefined, { streamName: 'incident-1', expected, current });

describe('client errors in our terms', () => {
  it('a conflict keeps our expectation and the actual revision', () => {
    const mapped = fromClientError(conflict(2n, 5n), { operation: 'append', streamId: 'incident-1', expected: 2n });
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ code: 'wrong_expected_revision', streamId: 'incident-1', expected: 2n, actual: 5n });
  });

  it('a conflict on a missing stream has actual no_stream', () => {
    const mapped = fromClientError(conflict('stream_exists', 'no_stream'), {
      operation: 'append',
      streamId: 'incident-1',
      expected: 'stream_exists',
    });
    expect(mapped).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
  });

  it('a conflict without context takes the expectation from the error, wire codes included', () => {
    expect(fromClientError(conflict(-1n, 0n), { operation: 'append' })).toMatchObject({
      streamId: 'incident-1',
      expected: 'no_stream',
      actual: 0n,
    });
    expect(fromClientError(conflict('stream_exists', 'no_stream'), { operation: 'append' })).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('a missing or deleted stream is stream_not_found', () => {
    expect(
      fromClientError(new EsdbStreamNotFoundError(undefined, 'incident-1'), {
        operation: 'read',
        streamId: 'incident-1',
      }),
    ).toBeInstanceOf(StreamNotFoundError);
    expect(fromClientError(StreamDeletedError.fromStreamName('incident-2'), { operation: 'read' })).toMatchObject({
      code: 'stream_not_found',
      streamId: 'incident-2',
    });
  });

  it.each([
    ['unavailable', new UnavailableError(undefined, 'No connection established')],
    ['deadline exceeded', new DeadlineExceededError(undefined, 'deadline')],
    ['discovery failure', new Error('Failed to discover after 10 attempts.')],
  ])('%s is a retryable connection error keeping the cause', (_, error) => {
    const mapped = fromClientError(error, { operation: 'readAll' });
    expect(mapped).toBeInstanceOf(EventStoreError);
    expect(mapped).toMatchObject({ code: 'connection' });
    expect((mapped as Error).cause).toBe(error);
    expect(isRetryable(mapped)).toBe(true);
  });

  it('a raw gRPC UNAVAILABLE (status 14) from a stream is converted the same way', () => {
    const raw = Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), {
      code: 14,
      details: 'Connection dropped',
    });
    expect(fromClientError(raw, { operation: 'subscribeToAll' })).toMatchObject({ code: 'connection' });
  });

  it('access denied is a connection error that is not retried', () => {
    const mapped = fromClientError(new AccessDeniedError(), { operation: 'append' });
    expect(mapped).toMatchObject({ code: 'connection' });
    expect(isRetryable(mapped)).toBe(false);
  });

  it('an append above the server limit is invalid_event', () => {
    expect(fromClientError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), { operation: 'append' })).toMatchObject({
      code: 'invalid_event',
    });
  });

  it('our own errors and unknown failures pass through unchanged', () => {
    const ours = new EventStoreError('closed', 'closed');
    expect(fromClientError(ours, { operation: 'x' })).toBe(ours);
    const unknown = new UnknownError(undefined, 'strange');
    expect(fromClientError(unknown, { operation: 'x' })).toBe(unknown);
    expect(isRetryable(unknown)).toBe(false);
    expect(fromClientError('text', { operation: 'x' })).toBe('text');
  });

  it('NotLeaderError is a connection error the client follows to the leader', () => {
    const notLeader = Object.create(NotLeaderError.prototype) as NotLeaderError;
    Object.assign(notLeader, { message: 'not leader', type: 'not-leader' });
    expect(fromClientError(notLeader, { operation: 'append' })).toMatchObject({ code: 'connection' });
  });
});
