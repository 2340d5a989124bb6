import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '../event-store';
import { checkRepeat, validateAppend } from './idempotency';

const anEvent = (): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SomethingHappened',
  data: {},
  metadata: {
    actor: { userId: 'u', role: 'r' },
    correlationId: 'c',
    causationId: 'c',
    occurredAt: '2026-11-22T03:00:00Z',
  },
});
const stored = (events: EventToAppend[], fromRevision = 0n): RecordedEvent[] =>
  events.map((event, i) => ({
    ...event,
    streamId: 's-1',
    streamRevision: fromRevision + BigInt(i),
    position: { commit: 100n + fromRevision + BigInt(i), prepare: 100n + fromRevision + BigInt(i) },
    recordedAt: new Date(0),
  }));

describe('repeated appends, judged from the stream', () => {
  const batch = [anEvent(), anEvent(), anEvent()];
  const stream = [...stored([anEvent(), anEvent()]), ...stored(batch, 2n), ...stored([anEvent()], 5n)];

  it('ids not in the stream: a new append', () => {
    expect(checkRepeat([anEvent()], stream)).toEqual({ kind: 'new' });
    expect(checkRepeat([anEvent()], [])).toEqual({ kind: 'new' });
  });

  it('the same run again: the first result (revision and position of its last event), wherever the stream is now', () => {
    expect(checkRepeat(batch, stream)).toEqual({
      kind: 'repeat',
      result: { nextExpectedRevision: 4n, position: { commit: 104n, prepare: 104n } },
    });
    expect(checkRepeat(batch, [...stream].reverse())).toMatchObject({ kind: 'repeat' });
  });

  it('ids compared without regard to case (the server hands them back in lower case)', () => {
    expect(
      checkRepeat(
        batch.map((e) => ({ ...e, eventId: e.eventId.toUpperCase() })),
        stream,
      ),
    ).toMatchObject({ kind: 'repeat' });
  });

  it('some ids stored, others not, or the same ids in another order: partial', () => {
    expect(checkRepeat([batch[1]!, anEvent()], stream)).toEqual({ kind: 'partial', found: 1 });
    expect(checkRepeat([batch[1]!, batch[0]!], stream)).toEqual({ kind: 'partial', found: 2 });
    expect(checkRepeat([batch[0]!, batch[2]!], stream)).toEqual({ kind: 'partial', found: 2 });
  });
});

describe('appends checked before they reach the server', () => {
  const code = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return (error as { code?: string }).code;
    }
    return 'ok';
  };
  it('refuses no events, a repeated id, a non-UUID id, an empty or $-prefixed stream', () => {
    const event = anEvent();
    expect(code(() => validateAppend('s-1', []))).toBe('invalid_event');
    expect(code(() => validateAppend('s-1', [event, { ...event, eventId: event.eventId.toUpperCase() }]))).toBe(
      'invalid_event',
    );
    expect(code(() => validateAppend('s-1', [{ ...event, eventId: 'not-a-uuid' }]))).toBe('invalid_event');
    expect(code(() => validateAppend('', [event]))).toBe('invalid_event');
    expect(code(() => validateAppend('$cspr', [event]))).toBe('invalid_event');
    expect(code(() => validateAppend('s-1', [event, anEvent()]))).toBe('ok');
  });
});
