/**
 * From a referral the sub-group decided to notify to the notification itself. Pure helpers the command handler uses:
 * - `notificationAnchorFromReferral`: the anchor of the notification's 5-working-day clock is the day the agency (and
 *   so the LA, through the referral) became aware, not the day the sub-group decided: the law counts from awareness.
 * - `notificationFromReferral`: the NotifyIncident data prefilled with the referral's facts, linked by `referralId`.
 *   It needs the referral's personal part opened (children's names, what happened), so it takes the events, not the
 *   state; the notifier and guidance edition come from the partnership user who notifies.
 */
import type { NotifiedChild, NotifyIncident } from '../incident/incident-commands';
import type { GuidanceEdition, Notifier } from '../incident/incident-events';
import type { DeadlineAnchor } from '../calendar/deadline-rules';
import { illegalState } from '../shared/domain-error';
import type { CalendarDate } from '../shared/types';
import type { ReferralDecided, ReferralSubmitted } from './referral-events';
import type { ReferralState } from './referral';

/** The deadline anchors a notification made from this referral starts with: `became-aware` = the referral's date. */
export const notificationAnchorFromReferral = (state: ReferralState): Partial<Record<DeadlineAnchor, CalendarDate>> => {
  if (state.status === 'none') throw illegalState('There is no referral to take the notification clock from');
  return { 'became-aware': state.becameAwareOn };
};

export type NotificationFromReferralInput = {
  submitted: ReferralSubmitted;
  decided: ReferralDecided;
  /** Optional and checked: the notification decider records the edition in force and refuses any other. */
  guidanceEdition?: GuidanceEdition;
  /** The partnership user who notifies (the LA's notifier, not the agency's referrer). */
  notifier: Notifier;
};

export const notificationFromReferral = ({
  submitted,
  decided,
  guidanceEdition,
  notifier,
}: NotificationFromReferralInput): NotifyIncident['data'] => {
  const d = submitted.data;
  if (decided.data.referralId !== d.referralId)
    throw illegalState(`The decision is not about referral ${d.referralId}`);
  if (decided.data.outcome !== 'notify' || decided.data.incidentId === undefined) {
    throw illegalState(`Referral ${d.referralId} was not decided as notify: no notification follows from it`);
  }
  const personal = submitted.personal;
  const children: NotifiedChild[] = d.children.map(({ ageBand: _computedAgain, ...characteristics }) => {
    const child = personal.children.find((c) => c.childRef === characteristics.childRef);
    return {
      ...characteristics,
      name: child?.name ?? '',
      ...(child?.dateOfBirth !== undefined ? { dateOfBirth: child.dateOfBirth } : {}),
      ...(child?.ageInYears !== undefined ? { ageInYears: child.ageInYears } : {}),
    };
  });
  return {
    incidentId: decided.data.incidentId,
    partnershipId: d.partnershipId,
    localAuthorityCode: d.localAuthorityCode,
    nature: d.nature,
    becameAwareOn: d.becameAwareOn,
    incidentOn: d.incidentOn,
    ...(guidanceEdition !== undefined ? { guidanceEdition } : {}),
    children,
    notifier,
    location: personal.location,
    caseOutline: personal.whatHappened,
    ...(personal.incidentTime !== undefined ? { incidentTime: personal.incidentTime } : {}),
    referralId: d.referralId,
  };
};
