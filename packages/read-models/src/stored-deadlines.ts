/**
 * Deadlines as stored in the read model: the due date is computed from the calendar and the guidance
 * edition's rules at projection time (so a rebuild with a corrected calendar moves it), while "days left" and
 * "overdue" depend on the day of the query and are computed there (deadline-view.ts).
 */
import {
  computeDeadlines,
  type DeadlineAnchor,
  type DeadlineKind,
  type GuidanceEdition,
  type WorkingDayCalendar,
} from '@cspr/domain';

/** Who must meet a deadline: the Panel's response target is the Panel's, every other step the partnership's. */
export type DeadlineOwner = 'partnership' | 'panel';

export type StoredDeadline = {
  kind: DeadlineKind;
  owner: DeadlineOwner;
  dueOn: string;
  anchor: DeadlineAnchor;
  anchorDate: string;
  statutory: boolean;
  /** The day the step was done, if done. */
  metOn: string | null;
  metOnTime: boolean | null;
  /** The step no longer applies (the notification was withdrawn before it was done). */
  cancelled: boolean;
  /**
   * Guidance, not a duty: shown with its expected date but never overdue (a care leaver's death: Working Together
   * 2023's "should", no statutory 5-working-day clock). Absent on rows stored before it existed.
   */
  guidance?: boolean;
};

/** Minimum periods (the report kept available) cannot be missed by waiting, so they never count as overdue. */
export const MINIMUM_PERIOD_KINDS: ReadonlySet<string> = new Set(['publication-availability']);

const PANEL_KINDS: ReadonlySet<string> = new Set(['panel-response']);

export const deadlineOwner = (kind: string): DeadlineOwner => (PANEL_KINDS.has(kind) ? 'panel' : 'partnership');

/**
 * Whether a deadline can make the partnership's item late: statutory steps and steps the partnership owns. The
 * Panel's (non-statutory) response target stays visible as its own deadline but never turns a partnership red.
 * Rows stored before `owner` existed fall back to the kind.
 */
export const partnershipMustMeet = (
  deadline: Pick<StoredDeadline, 'kind' | 'statutory'> & { owner?: DeadlineOwner },
): boolean => deadline.statutory || (deadline.owner ?? deadlineOwner(deadline.kind)) === 'partnership';

export const storeDeadlines = (
  anchors: Partial<Record<DeadlineAnchor, string>>,
  metOn: Partial<Record<DeadlineKind, string>>,
  edition: GuidanceEdition,
  calendar: WorkingDayCalendar,
  options: {
    panelResponseTargetWorkingDays: number;
    cancelled?: boolean;
    kinds?: ReadonlySet<DeadlineKind>;
    nature?: string;
  },
): StoredDeadline[] =>
  computeDeadlines(anchors, edition, calendar, {
    panelResponseTargetWorkingDays: options.panelResponseTargetWorkingDays,
    ...(options.nature !== undefined ? { nature: options.nature } : {}),
  })
    .filter((deadline) => !options.kinds || options.kinds.has(deadline.kind))
    .map((deadline) => {
      const met = metOn[deadline.kind] ?? null;
      const minimum = MINIMUM_PERIOD_KINDS.has(deadline.kind);
      return {
        kind: deadline.kind,
        owner: deadlineOwner(deadline.kind),
        dueOn: deadline.dueOn,
        anchor: deadline.anchor,
        anchorDate: deadline.anchorDate,
        statutory: deadline.statutory,
        metOn: met,
        metOnTime: met === null ? null : minimum ? met >= deadline.dueOn : met <= deadline.dueOn,
        cancelled: met === null && options.cancelled === true,
        ...(deadline.kind === 'notification' && !deadline.statutory ? { guidance: true } : {}),
      };
    });

/**
 * The earliest due date the partnership must still meet (not met, not cancelled, not a minimum period, not the
 * Panel's target): the item is overdue when it is before today.
 */
export const nextDueOn = (deadlines: StoredDeadline[]): string | null => {
  let next: string | null = null;
  for (const d of deadlines) {
    if (
      d.metOn !== null ||
      d.cancelled ||
      d.guidance === true ||
      MINIMUM_PERIOD_KINDS.has(d.kind) ||
      !partnershipMustMeet(d)
    )
      continue;
    if (next === null || d.dueOn < next) next = d.dueOn;
  }
  return next;
};
