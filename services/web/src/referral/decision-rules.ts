/** The sub-group's decision form: what each outcome needs, in plain words, and the gateway's DecideReferralInput. */
import type { FieldErrors } from '../app/components';
import { EMAIL_PATTERN } from '@cspr/domain/input-limits';

export type DecisionValues = {
  outcome: string;
  notifierName: string;
  notifierRole: string;
  notifierEmail: string;
  reviewKind: string;
  reviewTitle: string;
  reasons: string;
};

export const readDecisionForm = (data: URLSearchParams): DecisionValues => {
  const get = (name: string) => String(data.get(name) ?? '');
  return {
    outcome: get('outcome'),
    notifierName: get('notifierName'),
    notifierRole: get('notifierRole'),
    notifierEmail: get('notifierEmail'),
    reviewKind: get('reviewKind'),
    reviewTitle: get('reviewTitle'),
    reasons: get('reasons'),
  };
};

const EMAIL = EMAIL_PATTERN;

export const validateDecision = (v: DecisionValues): FieldErrors => {
  const errors: FieldErrors = {};
  if (!v.outcome) errors.outcome = 'Select what the review sub-group has decided';
  if (v.outcome === 'NOTIFY') {
    if (!v.notifierName.trim()) errors.notifierName = 'Enter the full name of the person notifying';
    if (!v.notifierRole.trim()) errors.notifierRole = 'Enter the job title of the person notifying';
    if (!v.notifierEmail.trim()) errors.notifierEmail = 'Enter the email address of the person notifying';
    else if (!EMAIL.test(v.notifierEmail.trim()))
      errors.notifierEmail = 'Enter an email address in the correct format, like name@example.gov.uk';
  }
  if (v.outcome === 'ALTERNATIVE_REVIEW' && !v.reviewKind)
    errors.reviewKind = 'Select which kind of review the partnership will carry out';
  if (v.outcome === 'NO_FURTHER_ACTION' && !v.reasons.trim())
    errors.reasons = 'Enter the reasons for taking no further action';
  return errors;
};

/** Only the answers that belong to the chosen outcome are sent: hidden conditional fields may still hold text. */
export const toDecisionInput = (referralId: string, v: DecisionValues, commandId: string) => ({
  commandId,
  referralId,
  outcome: v.outcome,
  ...(v.outcome === 'NOTIFY'
    ? { notifier: { name: v.notifierName.trim(), role: v.notifierRole.trim(), email: v.notifierEmail.trim() } }
    : {}),
  ...(v.outcome === 'ALTERNATIVE_REVIEW'
    ? { reviewKind: v.reviewKind, ...(v.reviewTitle.trim() ? { reviewTitle: v.reviewTitle.trim() } : {}) }
    : {}),
  ...(v.outcome === 'NO_FURTHER_ACTION' ? { reasons: v.reasons.trim() } : {}),
});

export const decisionFieldIdOf = (path: string): string => {
  const parts = path.replace(/^input\./, '').split('.');
  if (parts[0] === 'notifier' && parts[1]) return `notifier${parts[1].charAt(0).toUpperCase()}${parts[1].slice(1)}`;
  return parts[0] === 'outcome' || !parts[0] ? 'outcome' : parts[0];
};
