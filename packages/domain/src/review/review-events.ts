/**
 * Events of the review stream (`review-<uuid>`): a local child safeguarding practice review (LCSPR) commissioned
 * by a partnership, or a national review commissioned by the Panel, from commissioning to publication, action
 * plan follow-up and closure. The type names are a contract (design.md).
 *
 * Published material is public by nature and pseudonymised ("Child M"), so review events carry no `personal` part
 * except free-text explanations that could name a child.
 */
import type { DomainEvent } from '../shared/event';
import type { CalendarDate, IncidentId, Instant, PartnershipId, ReviewId } from '../shared/types';
import type { GuidanceEdition } from '../incident/incident-events';

export type ReviewKind = 'local' | 'national';

export type LocalReviewCommissioned = DomainEvent<'LocalReviewCommissioned', {
  reviewId: ReviewId;
  /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
  reference?: string;
  partnershipId: PartnershipId;
  incidentIds: IncidentId[];
  commissionedAt: Instant;
  /** The decision to start the review: the anchor of the 6-month publication aim. */
  commissionedOn: CalendarDate;
  guidanceEdition: GuidanceEdition;
  /** The pseudonym the report will use, e.g. "Child M" or "Children A–F". */
  caseName: string;
}>;

export type NationalReviewCommissioned = DomainEvent<'NationalReviewCommissioned', {
  reviewId: ReviewId;
  /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
  reference?: string;
  /** A national review may cover incidents of several partnerships. */
  incidentIds: IncidentId[];
  partnershipIds: PartnershipId[];
  commissionedAt: Instant;
  commissionedOn: CalendarDate;
  guidanceEdition: GuidanceEdition;
  title: string;
  thematic: boolean;
}>;

export type ReviewerAppointed = DomainEvent<'ReviewerAppointed', {
  reviewId: ReviewId;
  /** The independent reviewer: a professional, named publicly in reports. */
  reviewerName: string;
  organisation?: string;
  appointedOn: CalendarDate;
}>;

export type DelayReason = 'criminal-proceedings' | 'inquest' | 'family-wishes' | 'other';

export type PublicationDelayed = DomainEvent<'PublicationDelayed', {
  reviewId: ReviewId;
  delayedOn: CalendarDate;
  reason: DelayReason;
  /** Expected new publication date, if known. */
  expectedPublicationOn?: CalendarDate;
  /** Reasons go to the Panel (domain.md). */
  panelInformed: boolean;
}, { explanation: string }>;

export type ReportRecipient = 'panel' | 'dfe';

export type FinalReportSubmitted = DomainEvent<'FinalReportSubmitted', {
  reviewId: ReviewId;
  submittedAt: Instant;
  submittedOn: CalendarDate;
  recipients: ReportRecipient[];
  plannedPublicationOn?: CalendarDate;
}>;

export type DocumentKind =
  | 'overview-report'
  | 'executive-summary'
  | 'learning-summary'
  | 'press-statement'
  | 'agency-response'
  | 'action-plan'
  | 'progress-report'
  | 'accessible-summary'
  | 'summary-for-children';

export type PublishedDocument = {
  kind: DocumentKind;
  title: string;
  /** Where the document is published (https URL). */
  address: string;
  /** sha256 of the published file, hex. */
  checksum: string;
};

export type ReviewModel = 'lcspr' | 'national' | 'systems-learning' | 'appreciative-inquiry' | 'other';

export type ReportPublished = DomainEvent<'ReportPublished', {
  reviewId: ReviewId;
  publishedOn: CalendarDate;
  /** Whether the full report was published or, where partners considered it inappropriate, information about the improvements only. */
  publication: 'full-report' | 'improvements-only';
  caseName: string;
  documents: PublishedDocument[];
  /** NSPCC record fields: pseudonymised and public. */
  summary: string;
  learningThemes: string[];
  recommendations: string[];
  keywords: string[];
  reviewModel: ReviewModel;
  /**
   * Statutory reviews only (additive, absent on older events and on non-statutory reviews): working days between
   * the final report's submission and publication, and whether that met the edition's notice (at least 7 working
   * days). A late publication is still a publication: it is recorded and flagged, not refused.
   */
  finalReportNoticeWorkingDays?: number;
  finalReportNoticeMet?: boolean;
}>;

export type ActionStatus = 'not-started' | 'in-progress' | 'completed' | 'overdue';

export type ActionPlanProgressRecorded = DomainEvent<'ActionPlanProgressRecorded', {
  reviewId: ReviewId;
  recordedOn: CalendarDate;
  actions: { actionRef: string; description: string; owner: string; dueOn?: CalendarDate; status: ActionStatus }[];
}>;

export type ReviewClosed = DomainEvent<'ReviewClosed', {
  reviewId: ReviewId;
  closedOn: CalendarDate;
  reason: 'completed' | 'superseded' | 'withdrawn';
}>;

export type ReviewEvent =
  | LocalReviewCommissioned
  | NationalReviewCommissioned
  | ReviewerAppointed
  | PublicationDelayed
  | FinalReportSubmitted
  | ReportPublished
  | ActionPlanProgressRecorded
  | ReviewClosed;

export type ReviewEventType = ReviewEvent['type'];

export const reviewStreamId = (reviewId: ReviewId) => `review-${reviewId}`;
export const REVIEW_STREAM_PREFIX = 'review-';
