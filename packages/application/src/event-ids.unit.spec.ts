import { describe, expect, it } from 'vitest';
import { uuidV7Time } from '@cspr/database';
import { derivedEventId, earlierDerivedEventId, newEventId } from './event-ids';

const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V7_COMMAND = '0190163d-8694-739b-aea5-966c26f8ad91';

describe('derivedEventId', () => {
  it('keeps the v5 id of a command id that is not a UUIDv7: events appended before still answer retries', () => {
    // Pinned: uuid v5 of "user-1/notify-42/incident-1/0" in the command namespace, as every earlier release derived it.
    expect(derivedEventId('user-1', 'notify-42', 'incident-1', 0)).toBe('7c6a3b5c-54e7-5ff8-91aa-a980af5712ca');
    expect(derivedEventId('user-1', '6ba7b810-9dad-41d1-80b4-00c04fd430c8', 'incident-1', 0)).toMatch(V5);
  });

  it("gives a UUIDv7 command id's events time-ordered ids of its time, the same on every retry", () => {
    const id = derivedEventId('user-1', V7_COMMAND, 'incident-1', 0);
    expect(id).toBe('0190163d-8694-7706-8f45-df99c7fdd147');
    expect(id).toMatch(V7);
    expect(uuidV7Time(id)).toBe(uuidV7Time(V7_COMMAND));
    expect(derivedEventId('user-1', V7_COMMAND, 'incident-1', 0)).toBe(id);
    // A follow-on command id made from it keeps the time.
    expect(uuidV7Time(derivedEventId('user-1', `${V7_COMMAND}/follow-on`, 'incident-1', 0))).toBe(
      uuidV7Time(V7_COMMAND),
    );
  });

  it('differs by actor, command, stream and index', () => {
    const ids = [
      derivedEventId('user-1', V7_COMMAND, 'incident-1', 0),
      derivedEventId('user-2', V7_COMMAND, 'incident-1', 0),
      derivedEventId('user-1', `${V7_COMMAND}/follow-on`, 'incident-1', 0),
      derivedEventId('user-1', V7_COMMAND, 'incident-2', 0),
      derivedEventId('user-1', V7_COMMAND, 'incident-1', 1),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the v5 id a UUIDv7 command id derived before, so a retry across the change finds its events', () => {
    expect(earlierDerivedEventId('user-1', V7_COMMAND, 'incident-1', 0)).toMatch(V5);
    expect(earlierDerivedEventId('user-1', 'notify-42', 'incident-1', 0)).toBe(
      derivedEventId('user-1', 'notify-42', 'incident-1', 0),
    );
  });
});

describe('newEventId', () => {
  it('is a fresh UUIDv7 of now', () => {
    const before = Date.now();
    const id = newEventId();
    expect(id).toMatch(V7);
    expect(uuidV7Time(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Time(id)).toBeLessThanOrEqual(Date.now());
    expect(newEventId()).not.toBe(id);
  });
});
