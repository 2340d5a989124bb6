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

export type Role = 'partnership' | 'panel' | 'ofsted' | 'admin';

/** Who asked for a change. The gateway fills it from the verified token; deciders use it for authorization rules. */
export type Actor = {
  userId: string;
  role: Role;
  /** Set for the `partnership` role: the partnership the user acts for. */
  partnershipId?: PartnershipId;
};

/**
 * Everything a command needs from outside the decider: the time it was issued and who issued it.
 * The clock and the id source live in the composition root (style.md rule 4).
 */
export type CommandContext = {
  actor: Actor;
  now: Instant;
  /** `now` as a calendar date in England; computed once by the caller with calendar/london-date. */
  today: CalendarDate;
};

export type ReferralId = string;

/**
 * Roles added after the first release (issue 9), kept apart from `Role` because other packages switch on `Role`:
 * - `agency`: a partner agency's referrer (police, health, a school…), tied to one partnership by `partnershipId`;
 *   it submits and withdraws referrals and sees their outcome, nothing else.
 * - `dfe`: the Department for Education as a recipient: final reports sent before publication and national
 *   statistics (shared/access-policy.ts); it never writes.
 */
export type ExtendedRole = Role | 'agency' | 'dfe';

export type ExtendedActor = {
  userId: string;
  role: ExtendedRole;
  /** Set for the `partnership` and `agency` roles: the partnership the user acts for or refers to. */
  partnershipId?: PartnershipId;
};

/** A CommandContext whose actor may hold an extended role; every CommandContext is one. */
export type ExtendedCommandContext = {
  actor: ExtendedActor;
  now: Instant;
  today: CalendarDate;
};
