/**
 * Commands of the review stream. Commissioning needs the states of the linked incidents (folded by the handler
 * from their streams with `incidentDecider.evolve`); publishing needs the working days between the final report
 * and the publication date (counted by the handler with the working-day calendar), so the deciders stay pure.
 */
import type {
  ActionStatus, DelayReason, PublishedDocument, ReportRecipient, ReviewModel,
} from './review-events';
import type { GuidanceEdition } from '../incident/incident-events';
import type { IncidentState } from '../incident/incident';
import type { CalendarDate, CommandContext, IncidentId, PartnershipId, ReviewId } from '../shared/types';

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
    /** Default: the review's case name (local) or title (national). */
    caseName?: string;
    documents: PublishedDocument[];
    summary: string;
    learningThemes: string[];
    recommendations: string[];
    keywords: string[];
    reviewModel: ReviewModel;
  };
  context: CommandContext;
  /** Working days from the final report's submission day (day 0) to `publishedOn`, by the working-day calendar. */
  reference: { workingDaysSinceFinalReport: number };
};

export type ActionProgress = { actionRef: string; description: string; owner: string; dueOn?: CalendarDate; status: ActionStatus };

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

export type ReviewCommand =
  | CommissionLocalReview
  | CommissionNationalReview
  | AppointReviewer
  | DelayPublication
  | SubmitFinalReport
  | PublishReport
  | RecordActionPlanProgress
  | CloseReview;

export type ReviewCommandType = ReviewCommand['type'];
