/**
 * The Ofsted feed contract (docs/architecture.md, "The Ofsted feed"): one Kafka topic, CloudEvents 1.0 in binary mode.
 * The value is the JSON data; the CloudEvents attributes travel as `ce_*` headers; the key is the incident id, so
 * everything about one incident lands on one partition, in log order. `asyncapi.yaml` documents the same thing for
 * Ofsted's engineers; `schemas/*.json` hold one JSON Schema per message type.
 */
export const FEED_TOPIC = 'cspr.notifications.v1';

/** Every `ce_type` on the feed. The suffix is the major version of the data's schema. */
export const FEED_MESSAGE_TYPES = {
  incidentNotified: 'uk.gov.cspr.incident.notified.v1',
  notificationAmended: 'uk.gov.cspr.incident.amended.v1',
  notificationWithdrawn: 'uk.gov.cspr.incident.withdrawn.v1',
  rapidReviewCompleted: 'uk.gov.cspr.incident.rapid-review-completed.v1',
  panelResponded: 'uk.gov.cspr.incident.panel-responded.v1',
  incidentLinkedToReview: 'uk.gov.cspr.incident.linked-to-review.v1',
  reviewCommissioned: 'uk.gov.cspr.review.commissioned.v1',
  publicationDelayed: 'uk.gov.cspr.review.publication-delayed.v1',
  finalReportSubmitted: 'uk.gov.cspr.review.final-report-submitted.v1',
  reportPublished: 'uk.gov.cspr.review.report-published.v1',
  reviewClosed: 'uk.gov.cspr.review.closed.v1',
} as const;

export type FeedMessageType = (typeof FEED_MESSAGE_TYPES)[keyof typeof FEED_MESSAGE_TYPES];

/** `uk.gov.cspr.incident.notified.v1` → `incident-notified.v1`: the schema file under `schemas/`. */
export const schemaNameOf = (type: FeedMessageType): string => type.replace(/^uk\.gov\.cspr\./, '').replace('.', '-');

/** Header names (CloudEvents Kafka protocol binding, binary content mode). */
export const FEED_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  contentType: 'content-type',
  /** W3C trace context of the command that caused the event, so a consumer can continue the trace. */
  traceparent: 'traceparent',
} as const;

export type FeedHeaders = {
  ce_specversion: '1.0';
  /** The event id in the log: unique, stable across redelivery. Consumers de-duplicate on it. */
  ce_id: string;
  ce_type: FeedMessageType;
  /** `/partnerships/<partnership id>`, or `/panel` for national reviews. */
  ce_source: string;
  /** The incident id (the same as the key). */
  ce_subject: string;
  /** When it happened (UTC, RFC 3339). */
  ce_time: string;
  'content-type': 'application/json';
  traceparent?: string;
};

export type FeedMessage = {
  /** The incident id: Kafka's partitioner keeps one incident's messages in order. */
  key: string;
  headers: FeedHeaders;
  /** The minimised data: exactly what `value` holds as JSON. */
  data: Record<string, unknown>;
  value: string;
};
