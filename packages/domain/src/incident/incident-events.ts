/**
 * Events of the incident stream (`incident-<uuid>`): the notification, its amendments or withdrawal, the rapid
 * review submitted to the Panel, the Panel's response and erasure of personal data.
 * The type names are a contract (docs/architecture.md): consumers, the Ofsted feed and acceptance checks use them.
 */
import type { DomainEvent } from '../shared/event';
import type { ErasureRequestCancelledOf, ErasureRequestedOf, PersonalDataErasedOf } from '../shared/erasure';
import type { CalendarDate, IncidentId, Instant, LocalAuthorityCode, PartnershipId, ReviewId } from '../shared/types';

/** The five natures of notification in docs/architecture.md "Domain facts". */
export type IncidentNature =
  | 'child-death' // abuse or neglect known or suspected, including suspected suicide
  | 'serious-harm' // abuse or neglect known or suspected
  | 'other-harm-caused-by-child' // a child (themselves abused/neglected) caused serious harm to someone else
  | 'looked-after-child-death' // no abuse or neglect suspected: to DfE and Ofsted, not considered by the Panel
  | 'care-leaver-death'; // aged up to 24 (Working Together 2023 onward)

export type AgeBand = 'under-1' | '1-5' | '6-10' | '11-15' | '16-plus' | 'unknown';
/** DfE's bands for care-leaver deaths, published apart from the main figures (16 to 21, 22 to 24). */
export type CareLeaverAgeBand = '16-21' | '22-24';
export type Sex = 'female' | 'male' | 'not-known';
/** ONS 2021 census high-level ethnic groups, as DfE statistics use them. */
export type Ethnicity = 'asian' | 'black' | 'mixed' | 'white' | 'other' | 'not-known';
export type YesNoNotKnown = 'yes' | 'no' | 'not-known';
export type Placement = 'at-home' | 'foster-care' | 'residential-home' | 'hospital' | 'other';
export type GuidanceEdition = 'working-together-2018' | 'working-together-2023' | 'panel-guidance-2025';

/** A child's characteristics as at notification: minimised, no personal data. `childRef` is `child-1`..`child-4`. */
export type ChildCharacteristics = {
  childRef: string;
  ageBand: AgeBand;
  sex: Sex;
  ethnicity: Ethnicity;
  disability: YesNoNotKnown;
  placement: Placement;
  lookedAfter: boolean;
  childInNeedPlan: boolean;
  childProtectionPlan: boolean;
  knownToAgencies: YesNoNotKnown;
  /** For care-leaver deaths: whether the young person was under 18 (then the Panel criteria may apply). */
  under18?: boolean;
  /**
   * DfE's care-leaver band, computed by the decider when the age (or date of birth) is known and 16 or over, so a
   * care-leaver death can be counted in DfE's bands; absent otherwise (and on events recorded before it existed).
   */
  careLeaverAgeBand?: CareLeaverAgeBand;
};

/** A child's personal data: encrypted in the event, destroyed by erasure. */
export type ChildPersonalData = {
  childRef: string;
  name: string;
  /** Date of birth if known, otherwise the age in years at the incident. */
  dateOfBirth?: CalendarDate;
  ageInYears?: number;
};

export type Notifier = { name: string; role: string; email: string; phone?: string };

export type NotificationPersonalData = {
  notifier: Notifier;
  /** Where the incident happened (address or description). */
  location: string;
  /** The case outline: free text. */
  caseOutline: string;
  /** Time of the incident if known (HH:MM, England local time). */
  incidentTime?: string;
  children: ChildPersonalData[];
  /** Names or references of supporting documents held outside the platform. */
  supportingDocuments?: string[];
};

export type IncidentNotified = DomainEvent<
  'IncidentNotified',
  {
    incidentId: IncidentId;
    /** The readable case reference (`INC-2026-00123`), added by the write path; absent on incidents notified before references. */
    reference?: string;
    /** The partnership that owns the incident: the one covering the LA where it happened. */
    partnershipId: PartnershipId;
    localAuthorityCode: LocalAuthorityCode;
    nature: IncidentNature;
    becameAwareOn: CalendarDate;
    incidentOn: CalendarDate;
    notifiedAt: Instant;
    /** `notifiedAt` as a calendar date in England: the anchor of the rapid review clock under 2025 guidance. */
    notifiedOn: CalendarDate;
    /** The guidance edition whose deadline rules apply to this incident. */
    guidanceEdition: GuidanceEdition;
    children: ChildCharacteristics[];
    /**
     * The child the harm relates to, when the notifier says so (e.g. a child who harmed another is listed first).
     * DfE takes one child's characteristics per notification: this one, otherwise the first listed.
     */
    harmChildRef?: string;
    /** Set when the notification started from an agency referral. */
    referralId?: string;
  },
  NotificationPersonalData
>;

/**
 * A correction of the notification. Only the fields given change, personal ones included: `personal` holds just the
 * personal fields amended, each replacing that field whole (`children` replaces every child's personal data), so a
 * reader folds the notification's personal part and then each amendment's, in order. `personal` is absent when only
 * minimised fields changed: there is nothing to seal (and after erasure nothing could be sealed).
 */
export type NotificationAmended = Omit<
  DomainEvent<
    'NotificationAmended',
    {
      incidentId: IncidentId;
      amendedAt: Instant;
      changes: {
        localAuthorityCode?: LocalAuthorityCode;
        nature?: IncidentNature;
        becameAwareOn?: CalendarDate;
        incidentOn?: CalendarDate;
        children?: ChildCharacteristics[];
        harmChildRef?: string;
      };
      /** Names of the changed fields, personal ones included (`personal.caseOutline`), for the history. */
      changedFields: string[];
      /** Required of new amendments; amendments recorded before reasons were asked for have none ("not recorded"). */
      reason?: AmendmentReason;
    }
  >,
  'personal'
> & { personal?: Partial<NotificationPersonalData> };

export type WithdrawalReason = 'duplicate' | 'criteria-not-met' | 'notified-in-error';

/**
 * Why a notification was amended: a closed choice rather than free text, so the reason is not personal data and can
 * travel in the event's plain part, the history and the feed.
 */
export type AmendmentReason = 'correcting-a-mistake' | 'new-information' | 'child-details-corrected' | 'other';

export type NotificationWithdrawn = DomainEvent<
  'NotificationWithdrawn',
  {
    incidentId: IncidentId;
    withdrawnAt: Instant;
    reason: WithdrawalReason;
    /** For `duplicate`: the incident this one duplicates (e.g. victim and perpetrator notified separately). */
    duplicateOfIncidentId?: IncidentId;
    /**
     * For `duplicate`: the surviving incident's partnership and who made the link. Only the Panel may link across
     * partnerships, and the Ofsted feed publishes `duplicateOfIncidentId` only when it is the same partnership or
     * the Panel linked them (absent on events recorded before these fields: then the feed leaves the id out).
     */
    duplicateOfPartnershipId?: PartnershipId;
    linkedBy?: 'partnership' | 'panel';
  },
  { explanation: string }
>;

/** The four local criteria for a local child safeguarding practice review. */
export type LocalReviewCriteria = {
  improvementsNeeded: boolean;
  recurrentThemes: boolean;
  multiAgencyConcerns: boolean;
  panelSuggested: boolean;
};

/** The national criteria the partnership thinks may be met. */
export type NationalCriteria = {
  improvementsNeeded: boolean;
  lawOrGuidanceChanges: boolean;
  recurrentThemes: boolean;
};

export type ParallelProcess =
  'police-investigation' | 'inquest' | 'child-death-review' | 'domestic-homicide-review' | 'safeguarding-adults-review';

export type Agency =
  | 'local-authority-childrens-social-care'
  | 'police'
  | 'health'
  | 'education'
  | 'probation'
  | 'housing'
  | 'voluntary-sector'
  | 'other';

export type RapidReviewCompleted = DomainEvent<
  'RapidReviewCompleted',
  {
    incidentId: IncidentId;
    submittedAt: Instant;
    submittedOn: CalendarDate;
    parallelProcesses: ParallelProcess[];
    agenciesInvolved: Agency[];
    localReviewDecision: 'local-review' | 'no-local-review';
    localCriteria: LocalReviewCriteria;
    nationalCriteria: NationalCriteria;
    /** True when any national criterion may be met: the flag the Panel reads first. */
    nationalCriteriaMayBeMet: boolean;
    /** Sign-off by all three safeguarding partners (names of the signing officers are in `personal`). */
    signedOff: { localAuthority: boolean; integratedCareBoard: boolean; police: boolean };
    /** How many times the rapid review was submitted (2 after a reconsideration). */
    submission: number;
  },
  {
    facts: string;
    agencySummaries: { agency: Agency; summary: string }[];
    keyPracticeEpisodes: string;
    livedExperience: string;
    immediateActions: string;
    learningIdentified: string;
    decisionReasons: string;
    signatories: { localAuthority: string; integratedCareBoard: string; police: string };
  }
>;

export type PanelOutcome = 'agreed' | 'reconsider' | 'national-review' | 'national-thematic-review';

export type PanelResponded = DomainEvent<
  'PanelResponded',
  {
    incidentId: IncidentId;
    respondedAt: Instant;
    respondedOn: CalendarDate;
    outcome: PanelOutcome;
    /** For `national-thematic-review`: the theme the case joins. */
    thematicReviewTitle?: string;
  },
  { comments: string }
>;

/** The incident was linked to a review (local or national) when that review was commissioned. */
export type IncidentLinkedToReview = DomainEvent<
  'IncidentLinkedToReview',
  {
    incidentId: IncidentId;
    reviewId: ReviewId;
    reviewKind: 'local' | 'national';
    linkedAt: Instant;
  }
>;

/** Four-eyes erasure of the incident (shared/erasure.ts), named by `incidentId`. */
export type PersonalDataErased = PersonalDataErasedOf<'incidentId'>;
export type ErasureRequested = ErasureRequestedOf<'incidentId'>;
export type ErasureRequestCancelled = ErasureRequestCancelledOf<'incidentId'>;

export type IncidentEvent =
  | IncidentNotified
  | NotificationAmended
  | NotificationWithdrawn
  | RapidReviewCompleted
  | PanelResponded
  | IncidentLinkedToReview
  | ErasureRequested
  | ErasureRequestCancelled
  | PersonalDataErased;

export type IncidentEventType = IncidentEvent['type'];

export const incidentStreamId = (incidentId: IncidentId) => `incident-${incidentId}`;
export const INCIDENT_STREAM_PREFIX = 'incident-';
