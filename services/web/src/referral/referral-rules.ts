/**
 * The agency referral form's rules. A referral asks what a notification asks (the sub-group may turn it into one,
 * with the referral's facts) plus the agency's view, so the notification rules are reused and the referral's own
 * questions added. Messages are plain words keyed by the field id the error summary links to.
 */
import type { FieldErrors } from '../app/components';
import {
  emptyNotify,
  readNotifyForm,
  toNotifyInput,
  validateNotify,
  type NotifyValues,
} from '../partnership/notify-rules';

export type ReferralValues = NotifyValues & {
  agency: string;
  agencyReasons: string;
  criteriaView: string;
  dslConsulted: string;
};

export const emptyReferral = (): ReferralValues => ({
  ...emptyNotify(),
  agency: '',
  agencyReasons: '',
  criteriaView: '',
  dslConsulted: '',
});

/** `childCount`: how many children the form showed (1 to 4, as the notification form). */
export const readReferralForm = (data: URLSearchParams, childCount = 1): ReferralValues => ({
  ...readNotifyForm(data, childCount),
  agency: String(data.get('agency') ?? ''),
  agencyReasons: String(data.get('agencyReasons') ?? ''),
  criteriaView: String(data.get('criteriaView') ?? ''),
  dslConsulted: String(data.get('dslConsulted') ?? ''),
});

/** The notification's rules in a referrer's words, then the referral's own questions. */
export const validateReferral = (v: ReferralValues, today: string): FieldErrors => {
  const errors: FieldErrors = {};
  if (!v.agency) errors.agency = 'Select your agency';
  Object.assign(errors, validateNotify(v, today));
  if (errors.becameAwareOn)
    errors.becameAwareOn = errors.becameAwareOn.replace(
      'the date the local authority became aware',
      'the date your agency became aware',
    );
  if (errors.incidentOn)
    errors.incidentOn = errors.incidentOn.replace(
      'the date the local authority became aware',
      'the date your agency became aware',
    );
  if (errors.caseOutline) errors.caseOutline = 'Enter what happened';
  if (!v.agencyReasons.trim()) errors.agencyReasons = 'Enter why your agency is referring the case';
  if (!v.criteriaView)
    errors.criteriaView = 'Select whether your agency thinks the case meets the criteria for a review';
  if (v.dslConsulted !== 'true')
    errors.dslConsulted =
      v.dslConsulted === 'false'
        ? 'Discuss the case with your designated safeguarding lead before you refer it'
        : 'Select whether you have discussed the case with your designated safeguarding lead';
  for (const [from, to] of [
    ['notifierName', 'Enter your full name'],
    ['notifierRole', 'Enter your job title'],
  ] as const)
    if (errors[from]) errors[from] = to;
  return errors;
};

/** The gateway's `SubmitReferralInput`, from values that passed `validateReferral`. */
export const toReferralInput = (v: ReferralValues, commandId: string) => {
  const { notifier, caseOutline, supportingDocuments: _documents, ...notification } = toNotifyInput(v, commandId);
  return {
    ...notification,
    whatHappened: caseOutline,
    referrer: notifier,
    agency: v.agency,
    agencyReasons: v.agencyReasons.trim(),
    criteriaView: v.criteriaView,
    dslConsulted: v.dslConsulted === 'true',
  };
};

/** Gateway field paths (`input.referrer.email`, `input.whatHappened`) as this form's field ids. */
export const referralFieldIdOf = (path: string): string => {
  const parts = path
    .replace(/^input\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.');
  if (parts[0] === 'referrer' && parts[1]) return `notifier${parts[1].charAt(0).toUpperCase()}${parts[1].slice(1)}`;
  if (parts[0] === 'whatHappened') return 'caseOutline';
  return parts.join('-');
};
