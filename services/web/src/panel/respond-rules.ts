/** The Panel's response: rules in plain words and the GraphQL input. */
import type { FieldErrors } from '../app/components';
import { str, type FormValues } from '../app/form-values';

export const validateResponse = (v: FormValues): FieldErrors => {
  const errors: FieldErrors = {};
  const outcome = str(v, 'outcome');
  if (!outcome) errors.outcome = 'Select the Panel’s response';
  if (outcome === 'NATIONAL_THEMATIC_REVIEW' && !str(v, 'thematicReviewTitle').trim())
    errors.thematicReviewTitle = 'Enter the title of the thematic review the case joins';
  if (outcome === 'RECONSIDER' && !str(v, 'comments').trim())
    errors.comments = 'Explain what the partners should reconsider';
  return errors;
};

export const toResponseInput = (incidentId: string, v: FormValues, commandId: string) => ({
  commandId,
  incidentId,
  outcome: str(v, 'outcome'),
  comments: str(v, 'comments').trim(),
  ...(str(v, 'outcome') === 'NATIONAL_THEMATIC_REVIEW'
    ? { thematicReviewTitle: str(v, 'thematicReviewTitle').trim() }
    : {}),
});
