/**
 * The property that matters most for the feed: nothing from an event's personal part, and no free text, ever
 * reaches a message. Two properties: (1) the message is a function of the minimised part only (any personal
 * value gives the same message); (2) no generated personal string appears in the value, key or headers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RecordedEvent } from '@cspr/event-store';
import { originOf, toFeedMessage } from './index';
import { incidentStory, reviewStory, withdrawal } from './feed-fixtures';

const record = (fixtures: ReturnType<typeof incidentStory>): RecordedEvent[] => {
  const seen = new Set<string>();
  return fixtures.map(({ streamId, event }, i) => {
    const revision = seen.has(streamId) ? 1n : 0n; // only "first of its stream" matters here
    seen.add(streamId);
    return {
      ...event,
      streamId,
      streamRevision: revision,
      position: { commit: 1n, prepare: BigInt(i) },
      recordedAt: new Date(),
    };
  });
};

const everything = (marker: string) => {
  const [a, b] = ['3f1c2d4e-0000-4000-8000-000000000001', '3f1c2d4e-0000-4000-8000-000000000002'];
  return record([
    ...incidentStory({ incidentId: a, marker }),
    ...incidentStory({ incidentId: b, marker }),
    withdrawal(b, a, marker),
    ...reviewStory([a], { marker }),
    ...reviewStory([a], { marker, national: true }),
  ]);
};

const mapWithOrigins = (events: RecordedEvent[]) => {
  const origins = new Map(events.filter((e) => e.streamRevision === 0n).map((e) => [e.streamId, originOf(e)]));
  return events.map((e) => toFeedMessage(e, origins.get(e.streamId)));
};

const wire = (m: ReturnType<typeof toFeedMessage>) =>
  m ? [m.key, m.value, ...Object.values(m.headers)].join('\n') : '';

describe('no personal data on the feed', () => {
  it('maps any personal part to the same message', () => {
    const events = everything('M');
    const baseline = mapWithOrigins(events).map(wire);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length - 1 }), fc.jsonValue(), (index, personal) => {
        const changed = events.map((e, i) => (i === index ? { ...e, data: { ...e.data, personal } } : e));
        expect(mapWithOrigins(changed).map(wire)).toEqual(baseline);
      }),
    );
  });

  it('never lets a personal or free-text string through, whatever it says', () => {
    // A marker of arbitrary characters inside every personal field and every free-text field of every event type.
    const marker = fc.string({ minLength: 3, maxLength: 24, unit: 'grapheme' }).map((s) => `«${s}»`);
    fc.assert(
      fc.property(marker, (m) => {
        const sent = mapWithOrigins(everything(m)).map(wire).join('\n');
        expect(sent).not.toContain(m);
        expect(sent).not.toContain('«');
      }),
      { numRuns: 200 },
    );
  });
});
