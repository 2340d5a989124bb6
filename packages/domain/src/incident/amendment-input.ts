/**
 * What an AmendNotification changes. Minimised fields are compared with the state and kept only when they differ;
 * personal fields cannot be compared (the state holds no personal data), so every personal field given counts as
 * changed. Dates are checked in their merged order: incidentOn ≤ becameAwareOn ≤ the notification day ≤ today.
 */
import type { NotificationAmended, NotificationPersonalData } from './incident-events';
import type { NotificationChanges } from './incident-commands';
import type { NotifiedIncidentState } from './incident';
import { INCIDENT_NATURES } from './incident-vocabulary';
import {
  parseCaseOutline,
  parseChildren,
  parseIncidentTime,
  parseLocation,
  parseNotifier,
  parseSupportingDocuments,
  requireLocalAuthority,
  requireNotificationDates,
} from './notification-input';
import type { CalendarDate, LocalAuthorityCode } from '../shared/types';
import { requireDate, requireOneOf } from '../shared/validate';
import { requireHarmChildRef, requireNatureFitsChildren, type ChildForNature } from './nature-rules';

const PERSONAL_FIELDS = [
  'children',
  'notifier',
  'location',
  'caseOutline',
  'incidentTime',
  'supportingDocuments',
] as const;

/** Children count as personal: each child carries a name and a date of birth or age. */
export const givesPersonalData = (input: NotificationChanges): boolean =>
  PERSONAL_FIELDS.some((f) => input[f] !== undefined);

export const parseAmendment = (
  input: NotificationChanges,
  incident: NotifiedIncidentState,
  covered: readonly LocalAuthorityCode[],
  today: CalendarDate,
) => {
  const changes: NotificationAmended['data']['changes'] = {};
  const personal: Partial<NotificationPersonalData> = {};
  if (input.localAuthorityCode !== undefined) {
    const code = requireLocalAuthority(
      input.localAuthorityCode,
      'changes.localAuthorityCode',
      covered,
      incident.partnershipId,
    );
    if (code !== incident.localAuthorityCode) changes.localAuthorityCode = code;
  }
  const nature =
    input.nature !== undefined ? requireOneOf(input.nature, 'changes.nature', INCIDENT_NATURES) : incident.nature;
  if (nature !== incident.nature) changes.nature = nature;
  const incidentOn =
    input.incidentOn !== undefined ? requireDate(input.incidentOn, 'changes.incidentOn') : incident.incidentOn;
  const becameAwareOn =
    input.becameAwareOn !== undefined
      ? requireDate(input.becameAwareOn, 'changes.becameAwareOn')
      : incident.becameAwareOn;
  requireNotificationDates(incidentOn, becameAwareOn, incident.notifiedOn, today, 'changes.');
  if (incidentOn !== incident.incidentOn) changes.incidentOn = incidentOn;
  if (becameAwareOn !== incident.becameAwareOn) changes.becameAwareOn = becameAwareOn;
  // Age bands are computed against the (possibly amended) incident date; without the children given again they are
  // kept, because the state holds no date of birth to recompute them from.
  let forNature: ChildForNature[] = incident.children.map((characteristics, index) => ({
    characteristics,
    at: `children.${index}`,
  }));
  if (input.children !== undefined) {
    const children = parseChildren(input.children, incidentOn, today);
    changes.children = children.characteristics;
    personal.children = children.personal;
    forNature = children.forNature.map((c) => ({
      ...c,
      at: `changes.${c.at}`,
      ...(c.ageField ? { ageField: `changes.${c.ageField}` } : {}),
    }));
  }
  const childList = changes.children ?? incident.children;
  const harmChildRef =
    input.harmChildRef !== undefined
      ? requireHarmChildRef(input.harmChildRef, childList, 'changes.harmChildRef')
      : childList.some((c) => c.childRef === incident.harmChildRef)
        ? incident.harmChildRef
        : undefined;
  if (harmChildRef !== undefined && harmChildRef !== incident.harmChildRef) changes.harmChildRef = harmChildRef;
  // The merged notification must still make sense: a nature amended alone is checked against the children held.
  requireNatureFitsChildren(nature, forNature, harmChildRef, 'changes.nature');
  if (input.notifier !== undefined) personal.notifier = parseNotifier(input.notifier);
  if (input.location !== undefined) personal.location = parseLocation(input.location);
  if (input.caseOutline !== undefined) personal.caseOutline = parseCaseOutline(input.caseOutline);
  if (input.incidentTime !== undefined) personal.incidentTime = parseIncidentTime(input.incidentTime);
  if (input.supportingDocuments !== undefined)
    personal.supportingDocuments = parseSupportingDocuments(input.supportingDocuments);
  const changedFields = [...Object.keys(changes), ...Object.keys(personal).map((f) => `personal.${f}`)];
  return { changes, personal, changedFields };
};
