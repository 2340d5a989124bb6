/**
 * Events of the review stream (`review-<uuid>`), for every kind of review: a local child safeguarding practice
 * review (LCSPR) commissioned by a partnership, a national review commissioned by the Panel, a non-statutory review
 * (partnership, multi-agency learning, single-agency) and a thematic review across cases; from commissioning to
 * publication, action plan follow-up, learning (learning-events.ts) and closure. The type names are a contract
 * (design.md).
 *
 * Names and text are meant to be pseudonyms ("Child M"), but people type real names by mistake, so every free-text
 * field that can name or describe a child is a `personal` part, sealed under the review's key (the key the review's
 * erasure, or its incident's, destroys). Two kinds (docs/adr/0003): review free text the gateway opens per read,
 * audited (reviewer, delay explanation, learning item titles, recommendations, actions), and the **pseudonyms**
 * lists, search, sorting and public pages need (case name, titles, a thematic review's theme, learning themes),
 * which the projector opens at projection time (read-models pseudonyms.ts). Events written before a field was
 * sealed carry it in `data` as plaintext, and are still read as they are.
 */
import type { DomainEvent } from '../shared/event';
import type { CalendarDate, IncidentId, Instant, PartnershipId, ReferralId, ReviewId } from '../shared/types';
import type { GuidanceEdition } from '../incident/incident-events';
import type { LearningEvent } from './learning-events';
import type { ErasureEventOf } from '../shared/erasure';

/** The reviews a partnership may run when the statutory criteria are not met (stored as commissioned). */
export type NonStatutoryReviewKind = 'partnership-review' | 'multi-agency-learning-review' | 'single-agency-review';

/**
 * Every kind of review, as its commissioning event records it. Local and national reviews run on the statutory
 * clocks (6-month aim, final report 7 working days before publication); the others run on none.
 */
export type ReviewKind = 'local' | 'national' | NonStatutoryReviewKind | 'thematic';

export type LocalReviewCommissioned = DomainEvent<
  'LocalReviewCommissioned',
  {
    reviewId: ReviewId;
    /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
    reference?: string;
    partnershipId: PartnershipId;
    incidentIds: IncidentId[];
    commissionedAt: Instant;
    /** The decision to start the review: the anchor of the 6-month publication aim. */
    commissionedOn: CalendarDate;
    guidanceEdition: GuidanceEdition;
  },
  /** The pseudonym the report will use, e.g. "Child M" or "Children A–F" (in `data` on events written before). */
  { caseName: string }
>;

export type NationalReviewCommissioned = DomainEvent<
  'NationalReviewCommissioned',
  {
    reviewId: ReviewId;
    /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
    reference?: string;
    /** A national review may cover incidents of several partnerships. */
    incidentIds: IncidentId[];
    partnershipIds: PartnershipId[];
    commissionedAt: Instant;
    commissionedOn: CalendarDate;
    guidanceEdition: GuidanceEdition;
    thematic: boolean;
  },
  /** Sealed, a pseudonym (in `data` on events written before). */
  { title: string }
>;

/** A review outside the statutory path: the same tracking as a local review, no statutory clocks. */
export type NonStatutoryReviewCommissioned = DomainEvent<
  'NonStatutoryReviewCommissioned',
  {
    reviewId: ReviewId;
    /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
    reference?: string;
    partnershipId: PartnershipId;
    kind: NonStatutoryReviewKind;
    /** Referrals the sub-group decided on as an alternative review. */
    referralIds: ReferralId[];
    incidentIds: IncidentId[];
    commissionedAt: Instant;
    commissionedOn: CalendarDate;
  },
  /** Pseudonymised, as reports are ("Child R", "Learning from Baby T"); in `data` on events written before. */
  { title: string }
>;

/** A partnership's or the Panel's thematic review across many cases, with its own publication. */
export type ThematicReviewCommissioned = DomainEvent<
  'ThematicReviewCommissioned',
  {
    reviewId: ReviewId;
    /** The readable case reference (`REV-2026-00045`), added by the write path; absent on reviews commissioned before references. */
    reference?: string;
    /** The owning partnership, or 'national' for a thematic review commissioned by the Panel. */
    partnershipId: PartnershipId | 'national';
    /** Every partnership whose incidents or reviews the theme links (the owner first, when local). */
    partnershipIds: PartnershipId[];
    incidentIds: IncidentId[];
    reviewIds: ReviewId[];
    commissionedAt: Instant;
    commissionedOn: CalendarDate;
  },
  /** Sealed pseudonyms (in `data` on events written before). */
  { title: string; theme: string }
>;

/** The review concerns services of these partnerships: they see it and list it ("it mentions our services"). */
export type ReviewConcernsPartnerships = DomainEvent<
  'ReviewConcernsPartnerships',
  {
    reviewId: ReviewId;
    /** The partnerships named by this event (added to those named before). */
    partnershipIds: PartnershipId[];
    namedOn: CalendarDate;
  }
>;

export type ReviewerAppointed = DomainEvent<
  'ReviewerAppointed',
  {
    reviewId: ReviewId;
    appointedOn: CalendarDate;
  },
  /**
   * The independent reviewer: a professional, but a free-text name field where a child's or relative's name can be
   * typed by mistake, so it is sealed under the review's key. Events written before carry it in `data` (plaintext).
   */
  { reviewerName: string; organisation?: string }
>;

export type DelayReason = 'criminal-proceedings' | 'inquest' | 'family-wishes' | 'other';

export type PublicationDelayed = DomainEvent<
  'PublicationDelayed',
  {
    reviewId: ReviewId;
    delayedOn: CalendarDate;
    reason: DelayReason;
    /** Expected new publication date, if known. */
    expectedPublicationOn?: CalendarDate;
    /** Reasons go to the Panel (domain.md). */
    panelInformed: boolean;
  },
  { explanation: string }
>;

export type ReportRecipient = 'panel' | 'dfe';

export type FinalReportSubmitted = DomainEvent<
  'FinalReportSubmitted',
  {
    reviewId: ReviewId;
    submittedAt: Instant;
    submittedOn: CalendarDate;
    recipients: ReportRecipient[];
    plannedPublicationOn?: CalendarDate;
  }
>;

export type DocumentKind =
  | 'overview-report'
  | 'executive-summary'
  | 'learning-summary'
  | 'press-statement'
  | 'agency-response'
  | 'action-plan'
  | 'progress-report'
  | 'accessible-summary'
  | 'summary-for-children'
  | 'recommendations';

/** A document of a published report, as the publisher gives it and the pages list it. */
export type PublishedDocument = {
  kind: DocumentKind;
  /** e.g. "Child M – Overview report": typed by people, so sealed in `ReportPublished` (`documentTitles`). */
  title: string;
  /** Where the document is published (https URL). */
  address: string;
  /** sha256 of the published file, hex. */
  checksum: string;
};

/**
 * A published document as `ReportPublished` records it in `data`: everything but its title, which is sealed
 * (`documentTitles`, in the same order). Events written before carry the title here (plaintext).
 */
export type RecordedDocument = Omit<PublishedDocument, 'title'> & { title?: string };

export type ReviewModel = 'lcspr' | 'national' | 'systems-learning' | 'appreciative-inquiry' | 'other';

export type ReportPublished = DomainEvent<
  'ReportPublished',
  {
    reviewId: ReviewId;
    publishedOn: CalendarDate;
    /** Whether the full report was published or, where partners considered it inappropriate, information about the improvements only. */
    publication: 'full-report' | 'improvements-only';
    documents: RecordedDocument[];
    reviewModel: ReviewModel;
    /**
     * Statutory reviews only (additive, absent on older events and on non-statutory reviews): working days between
     * the final report's submission and publication, and whether that met the edition's notice (at least 7 working
     * days). A late publication is still a publication: it is recorded and flagged, not refused.
     */
    finalReportNoticeWorkingDays?: number;
    finalReportNoticeMet?: boolean;
  } & Partial<PublishedText>,
  /**
   * The record's text and its documents' titles: public once published and pseudonymised, but typed by people, so
   * they are sealed under the review's key like the case name it was commissioned with, and one erasure of the
   * review removes them from the log. Events written before carry them in `data` (plaintext). The projector opens
   * them (read-models pseudonyms.ts), each title back into its document.
   */
  PublishedText & {
    /** The title of each of `documents`, in the same order (absent on events sealed before the titles were). */
    documentTitles: string[];
  }
>;

/** The NSPCC record's text of a published report (sealed in `ReportPublished`). */
export type PublishedText = {
  /**
   * The case name the report is published under, when it was given; absent, it is the case name or title the
   * review was commissioned with (sealed there: the review's state does not hold it, so it is not copied here).
   */
  caseName?: string;
  summary: string;
  learningThemes: string[];
  recommendations: string[];
  keywords: string[];
};

export type ActionStatus = 'not-started' | 'in-progress' | 'completed' | 'overdue';

/** A whole action plan's progress. The plan's counts by status are what the platform shows. */
export type ActionPlanProgressRecorded = DomainEvent<
  'ActionPlanProgressRecorded',
  {
    reviewId: ReviewId;
    recordedOn: CalendarDate;
    /** Events written before the text was sealed carry `description` and `owner` here too (plaintext). */
    actions: ({ actionRef: string; dueOn?: CalendarDate; status: ActionStatus } & Partial<ActionPlanText>)[];
  },
  /**
   * Each action's description and owner, in the order of `actions`: free text where a name can be typed by mistake,
   * so it is sealed under the review's key (nothing shows it yet: the plan is shown as counts by status).
   */
  { actions: ActionPlanText[] }
>;

export type ActionPlanText = { actionRef: string; description: string; owner: string };

export type ReviewClosed = DomainEvent<
  'ReviewClosed',
  {
    reviewId: ReviewId;
    closedOn: CalendarDate;
    reason: 'completed' | 'superseded' | 'withdrawn';
  }
>;

/** The events that open a review stream, one per kind of commissioning. */
export type ReviewCommissioned =
  LocalReviewCommissioned | NationalReviewCommissioned | NonStatutoryReviewCommissioned | ThematicReviewCommissioned;

/** The headings partnership pages group reviews under; reviews before 2019 were serious case reviews. */
export type ReviewListingKind =
  | 'child-safeguarding-practice-review'
  | 'serious-case-review'
  | 'partnership-review'
  | 'thematic-review'
  | 'national-review';

export type HistoricDocument = {
  kind: DocumentKind;
  /** As the listing titles it, e.g. "Overview Report", "Agency Responses since 2011". */
  title: string;
  /** YYYY-MM: listings give months; null where the listing gives no date (never guessed). */
  publishedMonth: string | null;
  /** What the listing adds, e.g. "Updated 14.03.15 with clarification …". */
  note?: string;
};

/**
 * A review published before the platform, recorded from the partnership's own listing so its public page is whole.
 * It is history, not a process: no statutory clock runs, no notification or commissioning is invented, and no
 * further step can be taken on it. Recorded again with the whole listing entry when the listing changes.
 */
export type HistoricReviewRecorded = DomainEvent<
  'HistoricReviewRecorded',
  {
    reviewId: ReviewId;
    partnershipId: PartnershipId;
    listingKind: ReviewListingKind;
    /** The case as published ("Child M", "Children A-F") or a thematic review's title. Public and pseudonymised. */
    caseName: string;
    /** Another area's review the partnership lists because it mentions its services. */
    otherArea: string | null;
    documents: HistoricDocument[];
    /** Where the entry stood in the listing, to keep the page's order among reviews of the same month. */
    listingPosition: number;
    source: 'web-page-text' | 'csv';
    recordedAt: Instant;
  }
>;

export type ReviewEvent =
  | ReviewCommissioned
  | HistoricReviewRecorded
  | ReviewConcernsPartnerships
  | ReviewerAppointed
  | PublicationDelayed
  | FinalReportSubmitted
  | ReportPublished
  | ActionPlanProgressRecorded
  | ReviewClosed
  | LearningEvent
  | ReviewErasureEvent;

/** Four-eyes erasure of the review (shared/erasure.ts), named by `reviewId`. */
export type ReviewErasureEvent = ErasureEventOf<'reviewId'>;

export type ReviewEventType = ReviewEvent['type'];

/** The version written on every review event: no payload has changed shape since the first. */
export const REVIEW_SCHEMA_VERSION = 1;

export const reviewStreamId = (reviewId: ReviewId) => `review-${reviewId}`;
export const REVIEW_STREAM_PREFIX = 'review-';
