/** The closed value lists of the referral events as run-time arrays, for validation and the gateway's enums. */
import type { AgencyCriteriaView, ReferralOutcome } from './referral-events';

type Exhaustive<T extends string, List extends readonly T[]> = [T] extends [List[number]] ? List : never;
const list =
  <T extends string>() =>
  <const L extends readonly T[]>(values: Exhaustive<T, L>) =>
    values;

export const AGENCY_CRITERIA_VIEWS = list<AgencyCriteriaView>()(['met', 'not-met', 'unsure']);
export const REFERRAL_OUTCOMES = list<ReferralOutcome>()(['notify', 'alternative-review', 'no-further-action']);

/** The commands `referralDecider` takes, for the command handler's routing. */
export const REFERRAL_COMMAND_TYPES = [
  'SubmitReferral',
  'DecideReferral',
  'WithdrawReferral',
  'RequestErasure',
  'ApproveErasure',
  'CancelErasureRequest',
] as const;
