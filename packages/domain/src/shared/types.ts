/**
 * Value types shared by every aggregate.
 *
 * Dates the law counts in (became aware, notified, published) are calendar dates in England
 * (`Europe/London`), written `YYYY-MM-DD`. Instants are UTC ISO-8601 strings. The two are never mixed:
 * a notification sent at 00:30 BST on a Monday was sent on Monday (see calendar/london-date.ts).
 */
export type CalendarDate = string;
export type Instant = string;

/** A partnership's stable id: a lowercase slug such as `leeds` or `north-yorkshire`. */
export type PartnershipId = string;
/** An English local authority's ONS code, e.g. `E08000035` (Leeds). */
export type LocalAuthorityCode = string;
export type IncidentId = string;
export type ReviewId = string;

/**
 * Who a user is to the platform (granted in the platform, carried in the token). What each may do is one table:
 * shared/access-policy.ts.
 * - `partnership`: a local safeguarding partnership's user, tied to it by `partnershipId`.
 * - `panel`: the national Child Safeguarding Practice Review Panel.
 * - `ofsted`, `dfe`: receivers of the minimised notification feed and national statistics (DfE also of final
 *   reports sent to it); they never write.
 * - `admin`: an operator: partnerships, access, erasure; reads no case records.
 * - `agency`: a partner agency's referrer (police, health, a school…), tied to one partnership by `partnershipId`.
 */
export type Role = 'partnership' | 'panel' | 'ofsted' | 'admin' | 'agency' | 'dfe';

/** Who asked for a change. The gateway fills it from the verified token; deciders use it for authorization rules. */
export type Actor = {
  userId: string;
  role: Role;
  /** Set for the `partnership` and `agency` roles: the partnership the user acts for or refers to. */
  partnershipId?: PartnershipId;
};

/**
 * Everything a command needs from outside the decider: the time it was issued and who issued it.
 * The clock and the id source live in the composition root (docs/architecture.md).
 */
export type CommandContext = {
  actor: Actor;
  now: Instant;
  /** `now` as a calendar date in England; computed once by the caller with calendar/london-date. */
  today: CalendarDate;
};

export type ReferralId = string;
