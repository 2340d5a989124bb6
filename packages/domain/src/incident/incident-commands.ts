/**
 * Commands of the incident stream: imperative, each `{ type, data, context }` plus, where the decision needs facts
 * from outside the stream, a `reference` part that the command handler loads before the decider runs.
 */
import type {
  Agency,
  ChildCharacteristics,
  ChildPersonalData,
  GuidanceEdition,
  IncidentNature,
  LocalReviewCriteria,
  NationalCriteria,
  Notifier,
  PanelOutcome,
  ParallelProcess,
  WithdrawalReason,
  AmendmentReason,
} from './incident-events';
import type { CommandContext, IncidentId, LocalAuthorityCode, PartnershipId, ReviewId } from '../shared/types';
import type { ApproveErasureOf, CancelErasureRequestOf, RequestErasureOf } from '../shared/erasure';

/** The LAs the acting partnership covers, from its partnership stream (or read model). */
export type PartnershipCoverage = { partnershipLocalAuthorities: LocalAuthorityCode[] };

/**
 * One child as the notifier gives it: characteristics without the age band (the decider computes it from the date
 * of birth or age) plus the child's personal data. Give `dateOfBirth` or `ageInYears`; neither means "unknown".
 */
export type NotifiedChild = Omit<ChildCharacteristics, 'ageBand'> & Omit<ChildPersonalData, 'childRef'>;

export type NotifyIncident = {
  type: 'NotifyIncident';
  data: {
    incidentId: IncidentId;
    partnershipId: PartnershipId;
    localAuthorityCode: LocalAuthorityCode;
    nature: IncidentNature;
    becameAwareOn: string;
    incidentOn: string;
    /**
     * Not the notifier's choice: the decider records the edition in force on the notification day
     * (calendar/guidance-editions.ts) and refuses any other value given here.
     */
    guidanceEdition?: GuidanceEdition;
    children: NotifiedChild[];
    /** The childRef of the child the harm relates to, when not the first listed (DfE counts that child). */
    harmChildRef?: string;
    notifier: Notifier;
    location: string;
    caseOutline: string;
    /** HH:MM, England local time, if known. */
    incidentTime?: string;
    supportingDocuments?: string[];
    referralId?: string;
  };
  context: CommandContext;
  reference: PartnershipCoverage;
};

/** Only the fields given change. `children`, when given, replaces all children (personal data included). */
export type NotificationChanges = {
  localAuthorityCode?: LocalAuthorityCode;
  nature?: IncidentNature;
  becameAwareOn?: string;
  incidentOn?: string;
  children?: NotifiedChild[];
  harmChildRef?: string;
  notifier?: Notifier;
  location?: string;
  caseOutline?: string;
  incidentTime?: string;
  supportingDocuments?: string[];
};

export type AmendNotification = {
  type: 'AmendNotification';
  data: { incidentId: IncidentId; reason: AmendmentReason; changes: NotificationChanges };
  context: CommandContext;
  reference: PartnershipCoverage;
};

/**
 * For a withdrawal as a duplicate: the named surviving incident as its stream stands (loaded by the handler), or
 * `none` when it was never notified.
 */
export type DuplicateReference = {
  duplicateOf?: { status: 'none' } | { status: 'notified' | 'withdrawn'; partnershipId: PartnershipId };
};

export type WithdrawNotification = {
  type: 'WithdrawNotification';
  data: {
    incidentId: IncidentId;
    reason: WithdrawalReason;
    /** Required for `duplicate`, refused otherwise. */
    duplicateOfIncidentId?: IncidentId;
    /** Free text: personal data. */
    explanation: string;
  };
  context: CommandContext;
  /** Required when the reason is `duplicate`: without it the duplicate cannot be checked and is refused. */
  reference?: DuplicateReference;
};

export type SubmitRapidReview = {
  type: 'SubmitRapidReview';
  data: {
    incidentId: IncidentId;
    parallelProcesses: ParallelProcess[];
    agenciesInvolved: Agency[];
    localReviewDecision: 'local-review' | 'no-local-review';
    localCriteria: LocalReviewCriteria;
    nationalCriteria: NationalCriteria;
    signedOff: { localAuthority: boolean; integratedCareBoard: boolean; police: boolean };
    facts: string;
    agencySummaries: { agency: Agency; summary: string }[];
    keyPracticeEpisodes: string;
    livedExperience: string;
    immediateActions: string;
    learningIdentified: string;
    decisionReasons: string;
    signatories: { localAuthority: string; integratedCareBoard: string; police: string };
  };
  context: CommandContext;
};

export type RespondToRapidReview = {
  type: 'RespondToRapidReview';
  data: {
    incidentId: IncidentId;
    outcome: PanelOutcome;
    /** Required for `national-thematic-review`, refused otherwise. */
    thematicReviewTitle?: string;
    /** The Panel's letter or comments; may be empty. */
    comments: string;
  };
  context: CommandContext;
};

/** Issued by the command handler after a review is commissioned, once per linked incident. */
export type LinkIncidentToReview = {
  type: 'LinkIncidentToReview';
  data: { incidentId: IncidentId; reviewId: ReviewId; reviewKind: 'local' | 'national' };
  context: CommandContext;
};

/** Four-eyes erasure of the incident (shared/erasure.ts): it also destroys the keys of its referral and its reviews. */
export type RequestErasure = RequestErasureOf<'incidentId'>;
export type ApproveErasure = ApproveErasureOf<'incidentId'>;
export type CancelErasureRequest = CancelErasureRequestOf<'incidentId'>;

export type IncidentCommand =
  | NotifyIncident
  | AmendNotification
  | WithdrawNotification
  | SubmitRapidReview
  | RespondToRapidReview
  | LinkIncidentToReview
  | RequestErasure
  | ApproveErasure
  | CancelErasureRequest;

export type IncidentCommandType = IncidentCommand['type'];
