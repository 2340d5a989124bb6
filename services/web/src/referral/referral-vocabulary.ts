/** Words for referrals: the agency's view, the sub-group's outcomes and what the referrer is told. */
import type { Option } from '../app/vocabulary';
import { formatDate } from '../app/deadline';

export const CRITERIA_VIEWS: Option[] = [
  { value: 'MET', label: 'Yes, we think the criteria are met' },
  { value: 'NOT_MET', label: 'No, but we think there is learning' },
  { value: 'UNSURE', label: 'We are not sure' },
];
export const REFERRAL_OUTCOMES: Option[] = [
  {
    value: 'NOTIFY',
    label: 'Notify the Panel of a serious incident',
    hint: 'The notification uses the referral’s facts; its 5 working days count from when the agency became aware',
  },
  {
    value: 'ALTERNATIVE_REVIEW',
    label: 'Carry out another kind of review',
    hint: 'A partnership, multi-agency learning or single-agency review, without statutory clocks',
  },
  {
    value: 'NO_FURTHER_ACTION',
    label: 'No further action',
    hint: 'Give the reasons: the referrer is told the outcome',
  },
];
export const NON_STATUTORY_KINDS: Option[] = [
  { value: 'PARTNERSHIP_REVIEW', label: 'Partnership review' },
  { value: 'MULTI_AGENCY_LEARNING_REVIEW', label: 'Multi-agency learning review' },
  { value: 'SINGLE_AGENCY_REVIEW', label: 'Single-agency review' },
];
export const REFERRAL_STATUSES: Option[] = [
  { value: 'SUBMITTED', label: 'Waiting for a decision' },
  { value: 'DECIDED', label: 'Decided' },
  { value: 'WITHDRAWN', label: 'Withdrawn' },
];

export type ReferralDecision = {
  outcome: string;
  decidedOn: string;
  incidentId: string | null;
  reviewId: string | null;
  reviewKind: string | null;
};
export type Referral = {
  id: string;
  partnershipId: string;
  agency: string;
  nature: string;
  localAuthorityCode: string;
  becameAwareOn: string;
  incidentOn: string;
  criteriaView: string;
  dslConsulted: boolean;
  status: string;
  submittedAt: string;
  submittedOn: string;
  withdrawnOn: string | null;
  decision: ReferralDecision | null;
};

const kindWords = (kind: string | null) =>
  (NON_STATUTORY_KINDS.find((k) => k.value === kind)?.label ?? 'review').toLowerCase();

/** What the referrer sees: the outcome in a sentence, without the sub-group's reasons (sealed personal text). */
export const outcomeInWords = (r: Pick<Referral, 'status' | 'withdrawnOn' | 'decision'>): string => {
  if (r.status === 'WITHDRAWN') return `Withdrawn${r.withdrawnOn ? ` on ${formatDate(r.withdrawnOn)}` : ''}`;
  const d = r.decision;
  if (!d) return 'Waiting for the review sub-group to decide';
  const on = ` on ${formatDate(d.decidedOn)}`;
  if (d.outcome === 'NOTIFY') return `The partnership notified the Panel of a serious incident${on}`;
  if (d.outcome === 'ALTERNATIVE_REVIEW') return `The partnership commissioned a ${kindWords(d.reviewKind)}${on}`;
  return `No further action${on}`;
};
