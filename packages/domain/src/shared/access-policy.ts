/**
 * Who may do what: ONE table of operations (the gateway's queries and mutations, named as in the schema) × roles,
 * each cell the relation the caller must have to the record. Everything else reads it: the gateway builds its
 * `@pothos/plugin-scope-auth` scopes and its per-record checks from it, the gateway's authorization matrix test and
 * the domain's decider matrix specs are generated from it, and the README's role table states it.
 *
 * Relations (a role absent from a row may not do it at all):
 * - `any`: every record, or an operation without one.
 * - `own`: the caller's organisation owns the record: its partnership, or the Panel for the reviews it commissioned.
 *   For a command that creates a record, the partnership it names must be the caller's.
 * - `concerned`: `own`, or the caller's partnership is one the record covers (a national or thematic review of its
 *   incidents) or names as concerned (ReviewConcernsPartnerships).
 * - `referrer`: the referral was submitted by this user, for its partnership.
 * - `recipient`: the caller's role is among the recipients of the record's final report (DfE at least 7 working days
 *   before publication; after publication the report is public anyway).
 *
 * Decisions (issue 16, item 2): Ofsted and DfE receive every notification, minimised (the feed), and national
 * statistics, exact; never incident records or personal data. DfE also reads final reports sent to it. Admins
 * administer partnerships, access and erasure and the projector, read the statistics, and read no case records.
 * A record the caller may not read answers exactly like an unknown id (NOT FOUND), in mutations as in queries.
 */
import type { Actor, PartnershipId, Role } from './types';

export type Reader = Role | 'public';
export type Relation = 'any' | 'own' | 'concerned' | 'referrer' | 'recipient';
type Row = Partial<Record<Reader, Relation>>;

const EVERYONE: Row = {
  public: 'any',
  partnership: 'any',
  panel: 'any',
  ofsted: 'any',
  admin: 'any',
  agency: 'any',
  dfe: 'any',
};
const OWNER: Row = { partnership: 'own', panel: 'own' };
const PARTNERSHIP: Row = { partnership: 'own' };
const PANEL: Row = { panel: 'any' };
const ADMIN: Row = { admin: 'any' };

export const ACCESS_POLICY = {
  // Notifications and rapid reviews (incident records).
  notifyIncident: PARTNERSHIP,
  amendNotification: PARTNERSHIP,
  withdrawNotification: PARTNERSHIP,
  submitRapidReview: PARTNERSHIP,
  respondToRapidReview: PANEL,
  incident: { partnership: 'own', panel: 'any' },
  incidents: { partnership: 'own', panel: 'any' },
  /** Children's personal data and other free text (Incident.personal, a delay's explanation): audited reads. */
  personalData: { partnership: 'own', panel: 'any' },
  panelQueue: PANEL,
  notificationFeed: { panel: 'any', ofsted: 'any', dfe: 'any' },
  // Reviews, commissioning to closure; the Panel owns the national and national thematic ones.
  commissionLocalReview: PARTNERSHIP,
  commissionNationalReview: PANEL,
  commissionNonStatutoryReview: PARTNERSHIP,
  commissionThematicReview: OWNER,
  appointReviewer: OWNER,
  delayPublication: OWNER,
  submitFinalReport: OWNER,
  publishReport: OWNER,
  recordActionPlanProgress: OWNER,
  closeReview: OWNER,
  nameConcernedPartnerships: OWNER,
  recordLearning: OWNER,
  addRecommendation: OWNER,
  recordActionForRecommendation: OWNER,
  updateActionStatus: OWNER,
  review: { partnership: 'concerned', panel: 'any', dfe: 'recipient' },
  reviews: { partnership: 'own', panel: 'any' },
  reviewLearning: { partnership: 'concerned', panel: 'any' },
  partnershipReviews: { partnership: 'own' },
  recurringThemes: PANEL,
  finalReportsForDfe: { panel: 'any', dfe: 'any' },
  // Referrals from partner agencies.
  submitReferral: { agency: 'own' },
  withdrawReferral: { agency: 'referrer' },
  decideReferral: PARTNERSHIP,
  referral: { partnership: 'own', agency: 'referrer' },
  referrals: { partnership: 'own', agency: 'referrer' },
  // Public reading.
  publishedReports: EVERYONE,
  learningLibrary: EVERYONE,
  learningLibraryCount: EVERYONE,
  partnerships: EVERYONE,
  viewer: EVERYONE,
  partnershipReviewsPage: EVERYONE,
  /** Published statistics releases: complete, closed periods, suppressed and rounded as DfE publishes them. */
  statisticsReleases: EVERYONE,
  /** The live, exact view; the public and DfE read only published releases (DfE's method, issue 14). */
  nationalStatistics: { panel: 'any', ofsted: 'any', admin: 'any' },
  closeStatisticsPeriod: { panel: 'any', admin: 'any' },
  publishStatisticsRelease: { panel: 'any', admin: 'any' },
  // Operations.
  registerPartnership: ADMIN,
  changePartnership: ADMIN,
  requestErasure: ADMIN,
  approveErasure: ADMIN,
  cancelErasureRequest: ADMIN,
  erasePersonalData: ADMIN,
  projectorStatus: ADMIN,
  // Access: who may do what, granted and revoked by admins through the log.
  accessGrants: ADMIN,
  grantAccess: ADMIN,
  revokeAccess: ADMIN,
  // Found by reference, counted over every record, and the data protection duties (an admin's, no separate role).
  incidentByReference: { partnership: 'own', panel: 'any' },
  reviewByReference: { partnership: 'concerned', panel: 'any', dfe: 'recipient' },
  incidentFigures: { partnership: 'own', panel: 'any' },
  localAuthorities: EVERYONE,
  erasureRequests: ADMIN,
  personalDataReads: ADMIN,
  // Email contacts of a partnership, and each person's own email preferences (the notifier).
  partnershipContacts: { partnership: 'own', admin: 'any' },
  addPartnershipContact: { partnership: 'own', admin: 'any' },
  removePartnershipContact: { partnership: 'own', admin: 'any' },
  myEmailPreferences: { partnership: 'any' },
  setEmailPreferences: { partnership: 'own', admin: 'any' },
} as const satisfies Record<string, Row>;

export type Operation = keyof typeof ACCESS_POLICY;
export const OPERATIONS = Object.keys(ACCESS_POLICY) as Operation[];
export const READERS: readonly Reader[] = ['public', 'partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe'];

/** The facts of one record that the relations look at. Omitted for operations without a record. */
export type RecordFacts = {
  /** The owning partnership, or `panel` for a record the Panel owns (a national or national thematic review). */
  owner: PartnershipId | 'panel';
  /** Partnerships the record covers or names as concerned. Default none. */
  concerned?: readonly PartnershipId[];
  /** The user who submitted a referral. */
  referredBy?: string;
  /** Recipients of the record's latest final report (`panel`, `dfe`). Default none. */
  recipients?: readonly string[];
};

/** The relation `reader` needs for `operation`, or undefined when its role may not do it at all. */
export const relationFor = (reader: Reader, operation: Operation): Relation | undefined =>
  (ACCESS_POLICY[operation] as Row)[reader];

/** The readers allowed `operation` on some record (the role check, before any record is looked at). */
export const readersFor = (operation: Operation): Reader[] =>
  READERS.filter((reader) => relationFor(reader, operation) !== undefined);

const organisationOf = (actor: Actor): string | undefined => (actor.role === 'panel' ? 'panel' : actor.partnershipId);

/**
 * Whether `actor` (null: the public, no token) may do `operation` on the record described by `record` (omitted: the
 * role check only, for lists and commands that create). Unknown roles may do nothing.
 */
export const mayPerform = (actor: Actor | null, operation: Operation, record?: RecordFacts): boolean => {
  const relation = relationFor(actor === null ? 'public' : actor.role, operation);
  if (relation === undefined) return false;
  if (relation === 'any' || record === undefined) return true;
  if (actor === null) return false;
  const organisation = organisationOf(actor);
  const own = organisation !== undefined && record.owner === organisation;
  switch (relation) {
    case 'own':
      return own;
    case 'concerned':
      return own || (actor.partnershipId !== undefined && (record.concerned ?? []).includes(actor.partnershipId));
    case 'referrer':
      return own && record.referredBy === actor.userId;
    case 'recipient':
      return (record.recipients ?? []).includes(actor.role);
    default:
      return false;
  }
};

/** The facts of a review of any kind, from its folded state or its read model. */
export const reviewFacts = (review: {
  ownerPartnershipId: PartnershipId | null;
  partnershipIds: readonly PartnershipId[];
  concernedPartnershipIds?: readonly PartnershipId[];
  finalReportRecipients?: readonly string[];
}): RecordFacts => ({
  owner: review.ownerPartnershipId ?? 'panel',
  concerned: [...review.partnershipIds, ...(review.concernedPartnershipIds ?? [])],
  recipients: review.finalReportRecipients ?? [],
});
