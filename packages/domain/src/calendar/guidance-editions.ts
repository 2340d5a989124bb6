/**
 * Which guidance edition is in force on a date: versioned reference data, like the rule sets in deadline-rules.ts.
 * The edition moves the rapid-review clock's anchor (became aware vs notified), so it is decided here from the
 * platform's own date, never chosen by the partnership that the clock binds.
 *
 * In-force dates, with the confidence marks of docs/architecture.md "Domain facts" ([C] confirmed, [L] local restatement, [U] unconfirmed):
 * - working-together-2018: 2018-06-29 [C] (Children Act 2004 s16C and the Panel's notification duty in force).
 * - working-together-2023: 2023-12-15 [U] (publication date of Working Together 2023, taken as its in-force date).
 * - panel-guidance-2025:   2025-06-01 [U] ("Panel guidance of June 2025" [L]; the exact day is not confirmed).
 * A corrected date is a data change here; events keep the edition they were decided under.
 */
import type { GuidanceEdition } from '../incident/incident-events';
import type { CalendarDate } from '../shared/types';
import { validationError } from '../shared/domain-error';

export type GuidanceEditionPeriod = { edition: GuidanceEdition; inForceFrom: CalendarDate };

/** Oldest first; each edition stays in force until the next one's date. */
export const GUIDANCE_EDITION_PERIODS: readonly GuidanceEditionPeriod[] = [
  { edition: 'working-together-2018', inForceFrom: '2018-06-29' },
  { edition: 'working-together-2023', inForceFrom: '2023-12-15' },
  { edition: 'panel-guidance-2025', inForceFrom: '2025-06-01' },
];

/** The edition in force on `date` (ISO dates compare as strings). Before the first edition there is no duty to count. */
export const guidanceEditionInForce = (
  date: CalendarDate,
  periods: readonly GuidanceEditionPeriod[] = GUIDANCE_EDITION_PERIODS,
): GuidanceEdition => {
  const period = [...periods].reverse().find((p) => p.inForceFrom <= date);
  if (!period) throw validationError('context.today', `No guidance edition was in force on ${date}`);
  return period.edition;
};

/**
 * The edition a decision records: the one in force on `today`. A command may still name one (older callers, tests);
 * it is refused unless it is the one in force, so no caller can move a clock by naming another edition.
 */
export const editionInForceFor = (given: unknown, today: CalendarDate): GuidanceEdition => {
  const inForce = guidanceEditionInForce(today);
  if (given !== undefined && given !== null && given !== inForce) {
    throw validationError(
      'guidanceEdition',
      `guidanceEdition is set by the platform: ${inForce} is in force on ${today}`,
    );
  }
  return inForce;
};
