import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@cspr/event-store';
import { FEED_MESSAGE_TYPES, createFeedValidator, FeedMappingError, originOf, toFeedMessage } from './index';
import type { FeedMessage } from './index';
import { incidentStory, reviewStory, withdrawal } from './feed-fixtures';
import type { FixtureEvent } from './feed-fixtures';

/** Records fixtures as the store would (revision per stream, increasing position) and maps them like the relay does. */
const recordAll = (fixtures: FixtureEvent[]): RecordedEvent[] => {
  const revisions = new Map<string, bigint>();
  return fixtures.map(({ streamId, event }, i) => {
    const revision = (revisions.get(streamId) ?? -1n) + 1n;
    revisions.set(streamId, revision);
    return {
      ...event,
      streamId,
      streamRevision: revision,
      position: { commit: 1n, prepare: BigInt(i + 1) },
      recordedAt: new Date('2026-11-02T10:00:01Z'),
    };
  });
};

const mapAll = (recorded: RecordedEvent[]) => {
  const firstOfStream = new Map<string, RecordedEvent>();
  for (const r of recorded) if (r.streamRevision === 0n) firstOfStream.set(r.streamId, r);
  return recorded.map((r) => ({ event: r, message: toFeedMessage(r, originOf(firstOfStream.get(r.streamId)!)) }));
};

const story = () => {
  const [a, b] = [randomUUID(), randomUUID()];
  return {
    a,
    b,
    recorded: recordAll([
      ...incidentStory({ incidentId: a }),
      ...incidentStory({ incidentId: b }),
      withdrawal(b, a),
      ...reviewStory([a, b]),
      ...reviewStory([b], { national: true }),
    ]),
  };
};

describe('toFeedMessage', () => {
  const validator = createFeedValidator();

  it('publishes the duplicate-of id only for a link within the partnership or made by the Panel', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const withdrawnWith = (data: Record<string, unknown>) => {
      const [fixture] = [withdrawal(b, a)];
      const event = { ...fixture!, event: { ...fixture!.event, data: { ...fixture!.event.data, ...data } } };
      const recorded = recordAll([...incidentStory({ incidentId: b }).slice(0, 1), event]);
      return JSON.parse(mapAll(recorded)[1]!.message!.value) as Record<string, unknown>;
    };
    expect(withdrawnWith({})).toMatchObject({ duplicateOfIncidentId: a });
    expect(withdrawnWith({ duplicateOfPartnershipId: 'bradford', linkedBy: 'panel' })).toMatchObject({
      duplicateOfIncidentId: a,
    });
    expect(withdrawnWith({ duplicateOfPartnershipId: 'bradford', linkedBy: 'partnership' })).not.toHaveProperty(
      'duplicateOfIncidentId',
    );
    // Recorded before the rule: nobody can say who linked it, so the id stays out.
    expect(withdrawnWith({ duplicateOfPartnershipId: undefined, linkedBy: undefined })).not.toHaveProperty(
      'duplicateOfIncidentId',
    );
  });

  it('maps every feed event to a message that validates against its JSON Schema, and covers every message type', () => {
    const messages = mapAll(story().recorded).flatMap(({ message }) => (message ? [message] : []));
    for (const message of messages)
      expect(validator.validate(message), message.headers.ce_type).toEqual({ valid: true });
    expect(new Set(messages.map((m) => m.headers.ce_type))).toEqual(new Set(Object.values(FEED_MESSAGE_TYPES)));
  });

  it('sets the CloudEvents headers: id = event id, subject = key = incident id, source = owning partnership, trace context copied', () => {
    const { a, recorded } = story();
    const { event, message } = mapAll(recorded)[0]!;
    expect(message!.key).toBe(a);
    expect(message!.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: 'uk.gov.cspr.incident.notified.v1',
      ce_source: '/partnerships/leeds',
      ce_subject: a,
      ce_time: event.metadata.occurredAt,
      'content-type': 'application/json',
      traceparent: event.metadata.traceparent,
    });
    expect(JSON.parse(message!.value)).toEqual(message!.data);
  });

  it("keys a review message by the review's first incident and lists all of them; national reviews come from the Panel", () => {
    const { a, b, recorded } = story();
    const review = mapAll(recorded).filter(({ message }) => message?.headers.ce_type.startsWith('uk.gov.cspr.review.'));
    const local = review.filter(({ message }) => message!.data.reviewKind === 'local').map(({ message }) => message!);
    const national = review
      .filter(({ message }) => message!.data.reviewKind === 'national')
      .map(({ message }) => message!);
    expect(local.map((m) => [m.key, m.headers.ce_source, m.data.incidentIds])).toEqual(
      local.map(() => [a, '/partnerships/leeds', [a, b]]),
    );
    expect(national.map((m) => [m.key, m.headers.ce_source])).toEqual(national.map(() => [b, '/panel']));
  });

  it('leaves off events Ofsted does not need: reviewer appointed, action plan progress, erasure', () => {
    const { recorded } = story();
    const off = mapAll(recorded)
      .filter(({ message }) => message === undefined)
      .map(({ event }) => event.type);
    expect(new Set(off)).toEqual(new Set(['ReviewerAppointed', 'ActionPlanProgressRecorded']));
    const erased = {
      ...recorded[0]!,
      type: 'PersonalDataErased',
      data: { schemaVersion: 1, incidentId: randomUUID() },
    };
    expect(toFeedMessage(erased)).toBeUndefined();
  });

  it('tells that personal details were amended without naming them', () => {
    const amended = mapAll(story().recorded)[1]!.message as FeedMessage;
    expect(amended.data).toMatchObject({
      changes: { nature: 'child-death' },
      changedFields: ['nature'],
      personalDetailsChanged: true,
    });
  });

  it("skips the steps of a non-statutory, thematic or historic review (not Ofsted's) instead of stopping the relay", () => {
    const delayed = recordAll(reviewStory([randomUUID()])).find((r) => r.type === 'PublicationDelayed')!;
    for (const type of ['NonStatutoryReviewCommissioned', 'ThematicReviewCommissioned', 'HistoricReviewRecorded']) {
      const origin = originOf({ type, data: { schemaVersion: 1, reviewId: randomUUID(), partnershipId: 'leeds' } });
      expect(origin).toEqual({ incidentIds: [], offFeed: true });
      expect(toFeedMessage(delayed, origin)).toBeUndefined();
    }
  });

  it('refuses to guess the partnership or incidents when the stream origin is missing', () => {
    const amendment = story().recorded[1]!;
    expect(() => toFeedMessage(amendment)).toThrow(FeedMappingError);
  });

  it('rejects a message whose data does not match its schema', () => {
    const { message } = mapAll(story().recorded)[0]!;
    const tampered = { ...message!, value: JSON.stringify({ ...message!.data, childName: 'x' }) };
    expect(validator.validate(tampered).valid).toBe(false);
  });
});

describe('case references on the feed', () => {
  const validator = createFeedValidator();

  it('every message of a stream carries the reference its first event holds, and still validates', () => {
    const { a, recorded } = story();
    const referenced = recorded.map((r) => {
      if (r.type === 'IncidentNotified' && r.data.incidentId === a)
        return { ...r, data: { ...r.data, reference: 'INC-2026-00007' } };
      if (r.type === 'LocalReviewCommissioned') return { ...r, data: { ...r.data, reference: 'REV-2026-00003' } };
      return r;
    });
    const mapped = mapAll(referenced).flatMap(({ event, message }) => (message ? [{ event, message }] : []));
    for (const { message } of mapped)
      expect(validator.validate(message), message.headers.ce_type).toEqual({ valid: true });
    const ofA = mapped.filter(({ event }) => event.streamId === `incident-${a}`);
    expect(ofA.length).toBeGreaterThan(2);
    expect(ofA.every(({ message }) => message.data.reference === 'INC-2026-00007')).toBe(true);
    const local = mapped.filter(({ message }) => message.data.reference === 'REV-2026-00003');
    expect(local.map(({ message }) => message.headers.ce_type)).toContain('uk.gov.cspr.review.commissioned.v1');
    expect(Object.keys(local[0]!.message.data).slice(0, 2)).toEqual(['reviewId', 'reference']);
  });
});
