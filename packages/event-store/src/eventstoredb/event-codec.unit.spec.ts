import { describe, expect, it } from 'vitest';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventStoreError } from '../event-store';
import type { EventToAppend } from '../event-store';
import { fromResolvedEvent, isSystemRecord, toEventData } from './event-codec';

const metadata = {
  actor: { userId: 'user:7', role: 'partnership' },
  partnershipId: 'p-1',
  correlationId: 'c-1',
  causationId: 'k-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  occurredAt: '2026-11-22T03:00:00.000Z',
};
const anEvent = (data: Record<string, unknown> = { n: 1 }): EventToAppend => ({
  eventId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  type: 'IncidentNotified',
  data,
  metadata: { ...metadata },
});

const record = (overrides: Partial<Record<string, unknown>> = {}): AllStreamResolvedEvent =>
  ({
    event: {
      streamId: 'incident-1',
      id: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      isJson: true,
      revision: 4n,
      type: 'IncidentNotified',
      created: new Date('2026-11-22T03:00:01.234Z'),
      data: { n: 1, nested: { list: [1, 'two', null] } },
      metadata,
      position: { commit: 2n ** 55n, prepare: 2n ** 55n - 1n },
      ...overrides,
    },
    commitPosition: 2n ** 55n,
  }) as AllStreamResolvedEvent;

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('events to the client', () => {
  it('are JSON events with our id, type, data and metadata as they are', () => {
    const event = anEvent({ text: 'Ŵelsh ✓ "quoted"', list: [1, null, { a: true }] });
    expect(toEventData(event)).toEqual({
      id: event.eventId,
      contentType: 'application/json',
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
  });

  it.each([
    ['a bigint', { count: 10n }, 'data.count'],
    ['NaN', { score: Number.NaN }, 'data.score'],
    ['a Date', { at: new Date() }, 'data.at'],
    ['a nested bigint in a list', { rows: [{ id: 1 }, { id: 2n }] }, 'data.rows[1].id'],
  ])('refuse %s with a typed error naming the path, never the value', (_, data, path) => {
    const error = thrown(() => toEventData(anEvent(data as Record<string, unknown>)));
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'invalid_event' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).not.toMatch(/\b10\b|\b2n\b/);
  });

  it('refuse bigints in metadata too', () => {
    const event = anEvent();
    event.metadata.sequence = 5n;
    expect(thrown(() => toEventData(event))).toMatchObject({
      code: 'invalid_event',
      message: expect.stringContaining('metadata.sequence'),
    });
  });

  it('refuse $-prefixed types, which the server keeps for itself', () => {
    expect(thrown(() => toEventData({ ...anEvent(), type: '$metadata' }))).toMatchObject({ code: 'invalid_event' });
  });
});

describe('records from the client', () => {
  it('become RecordedEvents: ids, revision, position (bigint-exact), created time, metadata as stored', () => {
    expect(fromResolvedEvent(record())).toEqual({
      eventId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      type: 'IncidentNotified',
      data: { n: 1, nested: { list: [1, 'two', null] } },
      metadata,
      streamId: 'incident-1',
      streamRevision: 4n,
      position: { commit: 2n ** 55n, prepare: 2n ** 55n - 1n },
      recordedAt: new Date('2026-11-22T03:00:01.234Z'),
    });
  });

  it('skip system records: $-prefixed streams or types, and links whose event is gone', () => {
    expect(fromResolvedEvent(record({ streamId: '$$incident-1', type: '$metadata' }))).toBeUndefined();
    expect(fromResolvedEvent(record({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' }))).toBeUndefined();
    expect(fromResolvedEvent(record({ type: '$>' }))).toBeUndefined();
    expect(fromResolvedEvent({ commitPosition: 1n } as AllStreamResolvedEvent)).toBeUndefined();
    expect(isSystemRecord('incident-1', 'IncidentNotified')).toBe(false);
  });

  it('without metadata read as empty metadata', () => {
    expect(fromResolvedEvent(record({ metadata: undefined }))?.metadata).toEqual({});
  });

  it('refuse binary or non-object data and non-JSON metadata: not written by this platform', () => {
    expect(thrown(() => fromResolvedEvent(record({ isJson: false, data: new Uint8Array([1]) })))).toMatchObject({
      code: 'invalid_event',
    });
    expect(thrown(() => fromResolvedEvent(record({ data: [1, 2] })))).toMatchObject({ code: 'invalid_event' });
    expect(thrown(() => fromResolvedEvent(record({ metadata: new Uint8Array([0xff]) })))).toMatchObject({
      code: 'invalid_event',
    });
  });

  it('refuse a record without a position (server older than 22.6)', () => {
    expect(thrown(() => fromResolvedEvent(record({ position: undefined })))).toMatchObject({
      code: 'invalid_position',
    });
  });
});
