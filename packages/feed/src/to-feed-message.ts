/**
 * From a recorded event to the message Ofsted receives, or `undefined` when the event is not on the feed.
 *
 * Minimisation is by allow-list: every field of every message is picked by name below, nothing is spread from the
 * event, so a field added to an event later never reaches Kafka until someone adds it here (and to the schema, whose
 * `additionalProperties: false` would reject it anyway). The `personal` part is never read. Free text (titles,
 * case names, explanations, comments, action descriptions) stays out even where it is not personal, because free
 * text is where names slip in.
 *
 * Choice of events (see README.md): the notification and its amendments and withdrawal, the rapid review outcome,
 * the Panel's response, the link of an incident to a review, and the review milestones Ofsted inspects against
 * (commissioned, publication delayed, final report submitted, published, closed). Not on the feed: the reviewer's
 * appointment, action plan progress (free text), erasure (the feed never held personal data) and partnership events.
 */
import { decodeEvent, PERSONAL_KEY } from '@cspr/domain';
import type {
  ChildCharacteristics,
  FinalReportSubmitted,
  IncidentLinkedToReview,
  IncidentNotified,
  LocalReviewCommissioned,
  NationalReviewCommissioned,
  NotificationAmended,
  NotificationWithdrawn,
  PanelResponded,
  PublicationDelayed,
  RapidReviewCompleted,
  ReportPublished,
  ReviewClosed,
} from '@cspr/domain';
import type { RecordedEvent } from '@cspr/event-store';
import { FEED_MESSAGE_TYPES as T } from './feed-contract';
import type { FeedHeaders, FeedMessage, FeedMessageType } from './feed-contract';

/**
 * What a message needs from the first event of its stream: the owning partnership (for `ce_source`) and, for a
 * review, the incidents it covers (the key and `ce_subject` are the review's first incident).
 */
export type StreamOrigin = {
  partnershipId?: string;
  /** The stream's case reference (INC-… or REV-…), carried on every message of the stream; absent on older streams. */
  reference?: string;
  incidentIds: string[];
  reviewKind?: 'local' | 'national';
  /**
   * The stream is a review Ofsted's feed does not carry (non-statutory, thematic, or recorded from published
   * history): its events are skipped, never a reason to stop the relay.
   */
  offFeed?: true;
};

/** Reviews outside the statutory notification path: not on the feed. */
const OFF_FEED_ORIGINS = new Set([
  'NonStatutoryReviewCommissioned',
  'ThematicReviewCommissioned',
  'HistoricReviewRecorded',
]);

export class FeedMappingError extends Error {
  override readonly name = 'FeedMappingError';
  constructor(
    readonly code: 'origin_missing' | 'invalid_event',
    message: string,
  ) {
    super(message);
  }
}

const referenceOf = (data: { reference?: unknown }): { reference?: string } =>
  typeof data.reference === 'string' && /^(INC|REV)-\d{4}-\d{5,}$/.test(data.reference)
    ? { reference: data.reference }
    : {};

/** The origin a stream's first event establishes, or undefined when it is not a stream the feed follows. */
export const originOf = (first: { type: string; data: Record<string, unknown> }): StreamOrigin | undefined => {
  const { data } = decodeEvent(first);
  switch (first.type) {
    case 'IncidentNotified': {
      const d = data as IncidentNotified['data'];
      return { partnershipId: d.partnershipId, incidentIds: [d.incidentId], ...referenceOf(d) };
    }
    case 'LocalReviewCommissioned': {
      const d = data as LocalReviewCommissioned['data'];
      return {
        partnershipId: d.partnershipId,
        incidentIds: [...d.incidentIds],
        reviewKind: 'local',
        ...referenceOf(d),
      };
    }
    case 'NationalReviewCommissioned': {
      const d = data as NationalReviewCommissioned['data'];
      return { incidentIds: [...d.incidentIds], reviewKind: 'national', ...referenceOf(d) };
    }
    default:
      return OFF_FEED_ORIGINS.has(first.type) ? { incidentIds: [], offFeed: true } : undefined;
  }
};

const FEED_EVENT_TYPES = new Set([
  'IncidentNotified',
  'NotificationAmended',
  'NotificationWithdrawn',
  'RapidReviewCompleted',
  'PanelResponded',
  'IncidentLinkedToReview',
  'LocalReviewCommissioned',
  'NationalReviewCommissioned',
  'PublicationDelayed',
  'FinalReportSubmitted',
  'ReportPublished',
  'ReviewClosed',
]);
const ORIGIN_EVENT_TYPES = new Set(['IncidentNotified', 'LocalReviewCommissioned', 'NationalReviewCommissioned']);

export const isOnFeed = (eventType: string): boolean => FEED_EVENT_TYPES.has(eventType);

/**
 * The fields of stored `data` the mapping never reads, for readers of the log that feed it to leave out
 * (`leaveOutData`): the sealed personal part, a third of a typical event's bytes.
 */
export const FEED_UNREAD_DATA: readonly string[] = [PERSONAL_KEY];

/** True when mapping this event needs the origin of its stream (it is on the feed but does not start its stream). */
export const needsOrigin = (eventType: string): boolean => isOnFeed(eventType) && !ORIGIN_EVENT_TYPES.has(eventType);

const child = (c: ChildCharacteristics) => ({
  childRef: c.childRef,
  ageBand: c.ageBand,
  sex: c.sex,
  ethnicity: c.ethnicity,
  disability: c.disability,
  placement: c.placement,
  lookedAfter: c.lookedAfter,
  childInNeedPlan: c.childInNeedPlan,
  childProtectionPlan: c.childProtectionPlan,
  knownToAgencies: c.knownToAgencies,
  ...(c.under18 === undefined ? {} : { under18: c.under18 }),
});

const instantOf = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/** Drops keys whose value is undefined, so optional fields are absent rather than null in the JSON. */
const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

type Mapped = { type: FeedMessageType; data: Record<string, unknown> };

const withReference = (data: Record<string, unknown>, reference: string): Record<string, unknown> => {
  const idKey = 'reviewId' in data ? 'reviewId' : 'incidentId';
  return Object.fromEntries(
    Object.entries(data).flatMap(([k, v]) =>
      k === idKey
        ? [
            [k, v],
            ['reference', reference],
          ]
        : [[k, v]],
    ),
  );
};

const mapIncidentEvent = (type: string, data: Record<string, unknown>, origin?: StreamOrigin): Mapped | undefined => {
  switch (type) {
    case 'IncidentNotified': {
      const d = data as IncidentNotified['data'];
      return {
        type: T.incidentNotified,
        data: {
          incidentId: d.incidentId,
          partnershipId: d.partnershipId,
          localAuthorityCode: d.localAuthorityCode,
          nature: d.nature,
          becameAwareOn: d.becameAwareOn,
          incidentOn: d.incidentOn,
          notifiedAt: d.notifiedAt,
          notifiedOn: d.notifiedOn,
          guidanceEdition: d.guidanceEdition,
          children: d.children.map(child),
        },
      };
    }
    case 'NotificationAmended': {
      const d = data as NotificationAmended['data'];
      const c = d.changes;
      return {
        type: T.notificationAmended,
        data: {
          incidentId: d.incidentId,
          amendedAt: d.amendedAt,
          changes: compact({
            localAuthorityCode: c.localAuthorityCode,
            nature: c.nature,
            becameAwareOn: c.becameAwareOn,
            incidentOn: c.incidentOn,
            children: c.children?.map(child),
          }),
          // Field names only, and only the minimised ones; that personal details changed is itself worth knowing.
          changedFields: d.changedFields.filter((f) => !f.startsWith('personal')),
          personalDetailsChanged: d.changedFields.some((f) => f.startsWith('personal')),
        },
      };
    }
    case 'NotificationWithdrawn': {
      const d = data as NotificationWithdrawn['data'];
      // Another partnership's incident id is published only when the Panel made the link; a partnership can link
      // only its own (the decider's rule), and older events that do not say are left without the id.
      const linkPublishable =
        d.linkedBy === 'panel' ||
        (d.linkedBy === 'partnership' &&
          d.duplicateOfPartnershipId !== undefined &&
          d.duplicateOfPartnershipId === origin?.partnershipId);
      return {
        type: T.notificationWithdrawn,
        data: compact({
          incidentId: d.incidentId,
          withdrawnAt: d.withdrawnAt,
          reason: d.reason,
          duplicateOfIncidentId: linkPublishable ? d.duplicateOfIncidentId : undefined,
        }),
      };
    }
    case 'RapidReviewCompleted': {
      const d = data as RapidReviewCompleted['data'];
      return {
        type: T.rapidReviewCompleted,
        data: {
          incidentId: d.incidentId,
          submittedAt: d.submittedAt,
          submittedOn: d.submittedOn,
          submission: d.submission,
          parallelProcesses: [...d.parallelProcesses],
          agenciesInvolved: [...d.agenciesInvolved],
          localReviewDecision: d.localReviewDecision,
          localCriteria: {
            improvementsNeeded: d.localCriteria.improvementsNeeded,
            recurrentThemes: d.localCriteria.recurrentThemes,
            multiAgencyConcerns: d.localCriteria.multiAgencyConcerns,
            panelSuggested: d.localCriteria.panelSuggested,
          },
          nationalCriteria: {
            improvementsNeeded: d.nationalCriteria.improvementsNeeded,
            lawOrGuidanceChanges: d.nationalCriteria.lawOrGuidanceChanges,
            recurrentThemes: d.nationalCriteria.recurrentThemes,
          },
          nationalCriteriaMayBeMet: d.nationalCriteriaMayBeMet,
          signedOff: {
            localAuthority: d.signedOff.localAuthority,
            integratedCareBoard: d.signedOff.integratedCareBoard,
            police: d.signedOff.police,
          },
        },
      };
    }
    case 'PanelResponded': {
      const d = data as PanelResponded['data'];
      return {
        type: T.panelResponded,
        data: { incidentId: d.incidentId, respondedAt: d.respondedAt, respondedOn: d.respondedOn, outcome: d.outcome },
      };
    }
    case 'IncidentLinkedToReview': {
      const d = data as IncidentLinkedToReview['data'];
      return {
        type: T.incidentLinkedToReview,
        data: { incidentId: d.incidentId, reviewId: d.reviewId, reviewKind: d.reviewKind, linkedAt: d.linkedAt },
      };
    }
    default:
      return undefined;
  }
};

const mapReviewEvent = (type: string, data: Record<string, unknown>, origin: StreamOrigin): Mapped | undefined => {
  const review = {
    reviewId: data.reviewId as string,
    reviewKind: origin.reviewKind ?? 'local',
    incidentIds: [...origin.incidentIds],
  };
  switch (type) {
    case 'LocalReviewCommissioned': {
      const d = data as LocalReviewCommissioned['data'];
      return {
        type: T.reviewCommissioned,
        data: {
          ...review,
          partnershipIds: [d.partnershipId],
          commissionedAt: d.commissionedAt,
          commissionedOn: d.commissionedOn,
          guidanceEdition: d.guidanceEdition,
          thematic: false,
        },
      };
    }
    case 'NationalReviewCommissioned': {
      const d = data as NationalReviewCommissioned['data'];
      return {
        type: T.reviewCommissioned,
        data: {
          ...review,
          partnershipIds: [...d.partnershipIds],
          commissionedAt: d.commissionedAt,
          commissionedOn: d.commissionedOn,
          guidanceEdition: d.guidanceEdition,
          thematic: d.thematic,
        },
      };
    }
    case 'PublicationDelayed': {
      const d = data as PublicationDelayed['data'];
      return {
        type: T.publicationDelayed,
        data: compact({
          ...review,
          delayedOn: d.delayedOn,
          reason: d.reason,
          expectedPublicationOn: d.expectedPublicationOn,
          panelInformed: d.panelInformed,
        }),
      };
    }
    case 'FinalReportSubmitted': {
      const d = data as FinalReportSubmitted['data'];
      return {
        type: T.finalReportSubmitted,
        data: compact({
          ...review,
          submittedAt: d.submittedAt,
          submittedOn: d.submittedOn,
          recipients: [...d.recipients],
          plannedPublicationOn: d.plannedPublicationOn,
        }),
      };
    }
    case 'ReportPublished': {
      const d = data as ReportPublished['data'];
      // Published documents are public; their kind, address and checksum let Ofsted fetch and verify them.
      // Titles, summary, themes and recommendations are free text: left out.
      return {
        type: T.reportPublished,
        data: {
          ...review,
          publishedOn: d.publishedOn,
          publication: d.publication,
          reviewModel: d.reviewModel,
          documents: d.documents.map((doc) => ({ kind: doc.kind, address: doc.address, checksum: doc.checksum })),
        },
      };
    }
    case 'ReviewClosed': {
      const d = data as ReviewClosed['data'];
      return { type: T.reviewClosed, data: { ...review, closedOn: d.closedOn, reason: d.reason } };
    }
    default:
      return undefined;
  }
};

/**
 * Maps one recorded event. `origin` is the origin of the event's stream (from `originOf` on its first event); it is
 * needed only when `needsOrigin(event.type)`. Throws FeedMappingError when it is needed and missing or unusable.
 */
export const toFeedMessage = (recorded: RecordedEvent, origin?: StreamOrigin): FeedMessage | undefined => {
  if (!isOnFeed(recorded.type)) return undefined;
  const streamOrigin = ORIGIN_EVENT_TYPES.has(recorded.type) ? originOf(recorded) : origin;
  // A delay, final report, publication or closure of a non-statutory or thematic review is not Ofsted's.
  if (streamOrigin?.offFeed) return undefined;
  if (!streamOrigin || streamOrigin.incidentIds.length === 0) {
    throw new FeedMappingError(
      'origin_missing',
      `Event ${recorded.eventId} (${recorded.type}) needs the origin of stream ${recorded.streamId}`,
    );
  }
  const { data } = decodeEvent(recorded);
  const mapped = recorded.streamId.startsWith('review-')
    ? mapReviewEvent(recorded.type, data, streamOrigin)
    : mapIncidentEvent(recorded.type, data, streamOrigin);
  if (!mapped)
    throw new FeedMappingError(
      'invalid_event',
      `Event ${recorded.eventId} (${recorded.type}) is not expected on stream ${recorded.streamId}`,
    );

  // Incident messages are about their incident; a review's messages go under its first incident so that they share
  // that incident's partition and order, and carry every incident id in the data.
  const subject = typeof mapped.data.incidentId === 'string' ? mapped.data.incidentId : streamOrigin.incidentIds[0]!;
  const source =
    streamOrigin.reviewKind === 'national' ? '/panel' : `/partnerships/${streamOrigin.partnershipId ?? 'unknown'}`;
  const traceparent = recorded.metadata.traceparent;
  const headers: FeedHeaders = {
    ce_specversion: '1.0',
    ce_id: recorded.eventId,
    ce_type: mapped.type,
    ce_source: source,
    ce_subject: subject,
    ce_time: instantOf(recorded.metadata.occurredAt) ?? recorded.recordedAt.toISOString(),
    'content-type': 'application/json',
    ...(typeof traceparent === 'string' && traceparent.length > 0 ? { traceparent } : {}),
  };
  // The reference sits after the record's id, as in the schemas; it is a number in a yearly series, not personal data.
  const value = streamOrigin.reference ? withReference(mapped.data, streamOrigin.reference) : mapped.data;
  return { key: subject, headers, data: value, value: JSON.stringify(value) };
};
