/**
 * Commands of the review stream, for every kind of review. Commissioning needs the states of the linked incidents,
 * referrals and reviews (folded by the handler from their streams); publishing a statutory review needs the working
 * days between the final report and the publication date (counted by the handler with the working-day calendar),
 * so the decider stays pure. The context may carry any role: the decider refuses those that may not act.
 */
import type {
  ActionStatus,
  DelayReason,
  HistoricDocument,
  NonStatutoryReviewKind,
  PublishedDocument,
  ReportRecipient,
  ReviewListingKind,
  ReviewModel,
} from './review-events';
import type { LearningCommand } from './learning-commands';
import type { ErasureCommandOf } from '../shared/erasure';
import type { ReviewState } from './review';
import type { GuidanceEdition } from '../incident/incident-events';
import type { IncidentState } from '../incident/incident';
import type { ReferralState } from '../referral/referral';
import type { CalendarDate, CommandContext, IncidentId, PartnershipId, ReferralId, ReviewId } from '../shared/types';

/** The current state of every incident named in the command, by incident id; a missing id counts as not found. */
export type LinkedIncidents = { incidents: Record<IncidentId, IncidentState> };

export type CommissionLocalReview = {
  type: 'CommissionLocalReview';
  data: {
    reviewId: ReviewId;
    partnershipId: PartnershipId;
    incidentIds: IncidentId[];
    /** Not the caller's choice: the edition in force on the commissioning day is recorded; another value is refused. */
    guidanceEdition?: GuidanceEdition;
    /** The pseudonym the report will use, e.g. "Child M". */
    caseName: string;
  };
  context: CommandContext;
  reference: LinkedIncidents;
};

export type CommissionNationalReview = {
  type: 'CommissionNationalReview';
  data: {
    reviewId: ReviewId;
    incidentIds: IncidentId[];
    /** Not the caller's choice: the edition in force on the commissioning day is recorded; another value is refused. */
    guidanceEdition?: GuidanceEdition;
    title: string;
    thematic: boolean;
  };
  context: CommandContext;
  reference: LinkedIncidents;
};

export type CommissionNonStatutoryReview = {
  type: 'CommissionNonStatutoryReview';
  data: {
    reviewId: ReviewId;
    partnershipId: PartnershipId;
    kind: NonStatutoryReviewKind;
    /** At least one referral or incident in all. */
    referralIds: ReferralId[];
    incidentIds: IncidentId[];
    title: string;
  };
  context: CommandContext;
  /** Current states of the named referrals and incidents, by id; a missing id counts as not found. */
  reference: { referrals: Record<ReferralId, ReferralState>; incidents: Record<IncidentId, IncidentState> };
};

export type CommissionThematicReview = {
  type: 'CommissionThematicReview';
  data: {
    reviewId: ReviewId;
    /** The commissioning partnership, or 'national' when the Panel commissions. */
    partnershipId: PartnershipId | 'national';
    title: string;
    theme: string;
    /** At least two cases (incidents and reviews) in all: a theme runs across cases. */
    incidentIds: IncidentId[];
    reviewIds: ReviewId[];
  };
  context: CommandContext;
  reference: { incidents: Record<IncidentId, IncidentState>; reviews: Record<ReviewId, ReviewState> };
};

export type NameConcernedPartnerships = {
  type: 'NameConcernedPartnerships';
  data: { reviewId: ReviewId; partnershipIds: PartnershipId[] };
  context: CommandContext;
  /** The registered partnerships (from their streams or read model). */
  reference: { knownPartnershipIds: PartnershipId[] };
};

export type AppointReviewer = {
  type: 'AppointReviewer';
  data: {
    reviewId: ReviewId;
    reviewerName: string;
    organisation?: string;
    /** Default: today. Not before the commissioning, not in the future. */
    appointedOn?: CalendarDate;
  };
  context: CommandContext;
};

export type DelayPublication = {
  type: 'DelayPublication';
  data: {
    reviewId: ReviewId;
    reason: DelayReason;
    expectedPublicationOn?: CalendarDate;
    panelInformed: boolean;
    /** Free text: may name people, so it is personal. */
    explanation: string;
  };
  context: CommandContext;
};

export type SubmitFinalReport = {
  type: 'SubmitFinalReport';
  data: {
    reviewId: ReviewId;
    recipients: ReportRecipient[];
    plannedPublicationOn?: CalendarDate;
  };
  context: CommandContext;
};

export type PublishReport = {
  type: 'PublishReport';
  data: {
    reviewId: ReviewId;
    /** The day the report went public: today or earlier. */
    publishedOn: CalendarDate;
    publication: 'full-report' | 'improvements-only';
    /** Default: the review's case name (local) or title (the other kinds). */
    caseName?: string;
    documents: PublishedDocument[];
    summary: string;
    learningThemes: string[];
    recommendations: string[];
    keywords: string[];
    reviewModel: ReviewModel;
  };
  context: CommandContext;
  /**
   * Statutory reviews (local, national): working days from the final report's submission day (day 0) to
   * `publishedOn`, by the working-day calendar; refused when missing. Reviews on no statutory clock ignore it.
   */
  reference?: { workingDaysSinceFinalReport: number };
};

export type ActionProgress = {
  actionRef: string;
  description: string;
  owner: string;
  dueOn?: CalendarDate;
  status: ActionStatus;
};

export type RecordActionPlanProgress = {
  type: 'RecordActionPlanProgress';
  data: { reviewId: ReviewId; actions: ActionProgress[] };
  context: CommandContext;
};

export type CloseReview = {
  type: 'CloseReview';
  data: { reviewId: ReviewId; reason: 'completed' | 'superseded' | 'withdrawn' };
  context: CommandContext;
};

/** Records a review published before the platform, from the partnership's listing (the history importer). */
export type RecordReviewHistory = {
  type: 'RecordReviewHistory';
  data: {
    reviewId: ReviewId;
    partnershipId: PartnershipId;
    listingKind: ReviewListingKind;
    caseName: string;
    otherArea?: string | null;
    documents: HistoricDocument[];
    listingPosition: number;
    source: 'web-page-text' | 'csv';
  };
  context: CommandContext;
};

export type ReviewCommand =
  | RecordReviewHistory
  | CommissionLocalReview
  | CommissionNationalReview
  | CommissionNonStatutoryReview
  | CommissionThematicReview
  | NameConcernedPartnerships
  | AppointReviewer
  | DelayPublication
  | SubmitFinalReport
  | PublishReport
  | RecordActionPlanProgress
  | CloseReview
  | LearningCommand
  | ReviewErasureCommand;

/**
 * Four-eyes erasure of a review of any kind (a non-statutory or thematic one need not be linked to an incident): it
 * destroys the review's key, and the keys of the referrals it came from (they describe the same child).
 */
export type ReviewErasureCommand = ErasureCommandOf<'reviewId'>;

export type ReviewCommandType = ReviewCommand['type'];
