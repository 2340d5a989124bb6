/**
 * The incident decider: one pure function per command and the `decide` switch. The clock (`context.now/today`),
 * ids and reference data come in with the command; nothing here reads a clock or does I/O.
 */
import type {
  ChildCharacteristics,
  IncidentEvent,
  IncidentNature,
  IncidentNotified,
  RapidReviewCompleted,
} from './incident-events';
import type {
  AmendNotification,
  IncidentCommand,
  LinkIncidentToReview,
  NotifyIncident,
  RespondToRapidReview,
  SubmitRapidReview,
  WithdrawNotification,
} from './incident-commands';
import { evolveIncident, initialIncidentState, type IncidentState, type NotifiedIncidentState } from './incident';
import { AMENDMENT_REASONS, INCIDENT_NATURES, PANEL_OUTCOMES, WITHDRAWAL_REASONS } from './incident-vocabulary';
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
import { givesPersonalData, parseAmendment } from './amendment-input';
import { requireHarmChildRef, requireNatureFitsChildren } from './nature-rules';
import { parseRapidReview } from './rapid-review-input';
import { editionInForceFor } from '../calendar/guidance-editions';
import { approveErasure, cancelErasureRequest, requestErasure } from './erasure-decide';
import { forbidden, illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import { requireContext, requireOwnPartnership, requireRole } from '../shared/authorize';
import type { CommandContext } from '../shared/types';
import { optionalString, requireDate, requireId, requireOneOf, requireString, requireText } from '../shared/validate';

export const INCIDENT_SCHEMA_VERSION = 1;

const existing = (state: IncidentState, incidentId: string): NotifiedIncidentState => {
  if (state.status === 'none') throw notFound(`Incident ${incidentId} has not been notified`);
  return state;
};

const notWithdrawn = (state: NotifiedIncidentState, action: string): void => {
  if (state.status === 'withdrawn') throw illegalState(`Incident ${state.incidentId} was withdrawn: cannot ${action}`);
};

/** After erasure the incident's data key is gone, so no new personal data can be written for it. */
const notErased = (state: NotifiedIncidentState, action: string): void => {
  if (state.personalDataErased)
    throw illegalState(`Personal data of incident ${state.incidentId} was erased: cannot ${action}`);
};

export const notifyIncident = (command: NotifyIncident, state: IncidentState): IncidentEvent[] => {
  const { data, context, reference } = command;
  requireRole(context, ['partnership'], 'notify an incident');
  const partnershipId = requireId(data.partnershipId, 'partnershipId');
  requireOwnPartnership(context, partnershipId, 'notify for this partnership');
  const incidentId = requireId(data.incidentId, 'incidentId');
  if (state.status !== 'none') throw illegalState(`Incident ${incidentId} has already been notified`);

  const incidentOn = requireDate(data.incidentOn, 'incidentOn');
  const becameAwareOn = requireDate(data.becameAwareOn, 'becameAwareOn');
  requireNotificationDates(incidentOn, becameAwareOn, context.today, context.today);
  const children = parseChildren(data.children, incidentOn, context.today);
  const incidentTime = parseIncidentTime(data.incidentTime);
  const supportingDocuments = parseSupportingDocuments(data.supportingDocuments);
  const referralId = optionalString(data.referralId, 'referralId', 100);
  const nature = requireOneOf(data.nature, 'nature', INCIDENT_NATURES);
  const harmChildRef = requireHarmChildRef(data.harmChildRef, children.characteristics, 'harmChildRef');
  requireNatureFitsChildren(nature, children.forNature, harmChildRef, 'nature');

  const event: IncidentNotified = {
    type: 'IncidentNotified',
    schemaVersion: INCIDENT_SCHEMA_VERSION,
    data: {
      incidentId,
      partnershipId,
      localAuthorityCode: requireLocalAuthority(
        data.localAuthorityCode,
        'localAuthorityCode',
        reference?.partnershipLocalAuthorities ?? [],
        partnershipId,
      ),
      nature,
      becameAwareOn,
      incidentOn,
      notifiedAt: context.now,
      notifiedOn: context.today,
      // The clock rules in force when the notification is made (the platform's date, not the partnership's choice
      // nor becameAwareOn, which the notifier types in and could backdate to pick an edition).
      guidanceEdition: editionInForceFor(data.guidanceEdition, context.today),
      children: children.characteristics,
      ...(harmChildRef !== undefined ? { harmChildRef } : {}),
      ...(referralId !== undefined ? { referralId } : {}),
    },
    personal: {
      notifier: parseNotifier(data.notifier),
      location: parseLocation(data.location),
      caseOutline: parseCaseOutline(data.caseOutline),
      ...(incidentTime !== undefined ? { incidentTime } : {}),
      children: children.personal,
      ...(supportingDocuments !== undefined ? { supportingDocuments } : {}),
    },
  };
  return [event];
};

export const amendNotification = (command: AmendNotification, state: IncidentState): IncidentEvent[] => {
  const { data, context, reference } = command;
  requireRole(context, ['partnership'], 'amend a notification');
  const incident = existing(state, data.incidentId);
  requireOwnPartnership(context, incident.partnershipId, 'amend this notification');
  notWithdrawn(incident, 'amend it');
  const reason = requireOneOf(data.reason, 'reason', AMENDMENT_REASONS);
  if (data.changes === null || typeof data.changes !== 'object')
    throw validationError('changes', 'changes are required');
  if (givesPersonalData(data.changes)) notErased(incident, 'amend personal data');
  const { changes, personal, changedFields } = parseAmendment(
    data.changes,
    incident,
    reference?.partnershipLocalAuthorities ?? [],
    context.today,
  );
  // An amendment that changes nothing records nothing (a resent form is harmless).
  if (changedFields.length === 0) return [];
  return [
    {
      type: 'NotificationAmended',
      schemaVersion: INCIDENT_SCHEMA_VERSION,
      data: { incidentId: incident.incidentId, amendedAt: context.now, changes, changedFields, reason },
      ...(Object.keys(personal).length > 0 ? { personal } : {}),
    },
  ];
};

/**
 * A partnership withdraws its own notification for any reason; the Panel may only merge duplicates (of any
 * partnership). A duplicate must name an existing, not withdrawn incident: of the same partnership, unless the Panel
 * links them. The survivor keeps its own clock; read models carry the duplicate's children to it for the Panel.
 */
export const withdrawNotification = (command: WithdrawNotification, state: IncidentState): IncidentEvent[] => {
  const { data, context } = command;
  requireRole(context, ['partnership', 'panel'], 'withdraw a notification');
  const incident = existing(state, data.incidentId);
  const byPanel = context.actor.role === 'panel';
  if (!byPanel) requireOwnPartnership(context, incident.partnershipId, 'withdraw this notification');
  notWithdrawn(incident, 'withdraw it again');
  notErased(incident, 'record a withdrawal explanation');
  if (incident.linkedReviews.length > 0)
    throw illegalState(
      `Incident ${incident.incidentId} is linked to a review: close the review instead of withdrawing`,
    );
  const reason = requireOneOf(data.reason, 'reason', WITHDRAWAL_REASONS);
  if (byPanel && reason !== 'duplicate')
    throw forbidden('The Panel withdraws a notification only to merge it as a duplicate');
  const duplicateOf =
    data.duplicateOfIncidentId === undefined || data.duplicateOfIncidentId === null
      ? undefined
      : requireId(data.duplicateOfIncidentId, 'duplicateOfIncidentId');
  if (reason === 'duplicate' && duplicateOf === undefined)
    throw validationError('duplicateOfIncidentId', 'duplicateOfIncidentId is required when the reason is duplicate');
  if (reason !== 'duplicate' && duplicateOf !== undefined)
    throw validationError('duplicateOfIncidentId', 'duplicateOfIncidentId is only given when the reason is duplicate');
  if (duplicateOf === incident.incidentId)
    throw validationError('duplicateOfIncidentId', 'duplicateOfIncidentId must name another incident, not this one');
  let survivor: { partnershipId: string } | undefined;
  if (duplicateOf !== undefined) {
    const named = command.reference?.duplicateOf;
    if (!named || named.status === 'none')
      throw validationError(
        'duplicateOfIncidentId',
        'duplicateOfIncidentId must name an incident that has been notified',
      );
    if (named.status === 'withdrawn')
      throw validationError(
        'duplicateOfIncidentId',
        'duplicateOfIncidentId names a withdrawn incident: name the one that stands',
      );
    if (!byPanel && named.partnershipId !== incident.partnershipId) {
      throw validationError(
        'duplicateOfIncidentId',
        'duplicateOfIncidentId must name an incident of the same partnership (only the Panel links across partnerships)',
      );
    }
    survivor = named;
  }
  return [
    {
      type: 'NotificationWithdrawn',
      schemaVersion: INCIDENT_SCHEMA_VERSION,
      data: {
        incidentId: incident.incidentId,
        withdrawnAt: context.now,
        reason,
        ...(duplicateOf && survivor
          ? {
              duplicateOfIncidentId: duplicateOf,
              duplicateOfPartnershipId: survivor.partnershipId,
              linkedBy: byPanel ? ('panel' as const) : ('partnership' as const),
            }
          : {}),
      },
      personal: { explanation: requireString(data.explanation, 'explanation', 10_000) },
    },
  ];
};

/**
 * Whether a notification needs a rapid review (docs/architecture.md "Domain facts"): not for a looked-after child's death without suspected
 * abuse; for a care leaver's death only when a child was under 18; for the three other natures always.
 */
export const rapidReviewRequired = (
  nature: IncidentNature,
  children: readonly Pick<ChildCharacteristics, 'under18'>[],
): boolean =>
  nature === 'looked-after-child-death'
    ? false
    : nature === 'care-leaver-death'
      ? children.some((c) => c.under18 === true)
      : true;

export const submitRapidReview = (command: SubmitRapidReview, state: IncidentState): IncidentEvent[] => {
  const { data, context } = command;
  requireRole(context, ['partnership'], 'submit a rapid review');
  const incident = existing(state, data.incidentId);
  requireOwnPartnership(context, incident.partnershipId, 'submit a rapid review for this incident');
  notWithdrawn(incident, 'submit a rapid review');
  notErased(incident, 'submit a rapid review');
  if (!rapidReviewRequired(incident.nature, incident.children)) {
    throw illegalState(
      `Incident ${incident.incidentId} is a ${incident.nature} notification: it needs no rapid review (care leavers only when under 18)`,
    );
  }
  const previous = incident.rapidReview;
  if (previous && previous.panelOutcome === null)
    throw illegalState(`The rapid review of incident ${incident.incidentId} awaits the Panel's response`);
  if (previous && previous.panelOutcome !== 'reconsider') {
    throw illegalState(
      `The Panel has responded '${previous.panelOutcome}' to the rapid review of incident ${incident.incidentId}: only 'reconsider' allows a resubmission`,
    );
  }
  const { minimised, personal } = parseRapidReview(data);
  const event: RapidReviewCompleted = {
    type: 'RapidReviewCompleted',
    schemaVersion: INCIDENT_SCHEMA_VERSION,
    data: {
      incidentId: incident.incidentId,
      submittedAt: context.now,
      submittedOn: context.today,
      ...minimised,
      submission: (previous?.submission ?? 0) + 1,
    },
    personal,
  };
  return [event];
};

export const respondToRapidReview = (command: RespondToRapidReview, state: IncidentState): IncidentEvent[] => {
  const { data, context } = command;
  requireRole(context, ['panel'], 'respond to a rapid review');
  const incident = existing(state, data.incidentId);
  notWithdrawn(incident, 'respond to its rapid review');
  notErased(incident, 'record the Panel comments');
  if (!incident.rapidReview || incident.rapidReview.panelOutcome !== null) {
    throw illegalState(`Incident ${incident.incidentId} has no rapid review awaiting the Panel's response`);
  }
  const outcome = requireOneOf(data.outcome, 'outcome', PANEL_OUTCOMES);
  const title = optionalString(data.thematicReviewTitle, 'thematicReviewTitle');
  if (outcome === 'national-thematic-review' && title === undefined)
    throw validationError(
      'thematicReviewTitle',
      'thematicReviewTitle is required for a national-thematic-review outcome',
    );
  if (outcome !== 'national-thematic-review' && title !== undefined)
    throw validationError(
      'thematicReviewTitle',
      'thematicReviewTitle is only given for a national-thematic-review outcome',
    );
  return [
    {
      type: 'PanelResponded',
      schemaVersion: INCIDENT_SCHEMA_VERSION,
      data: {
        incidentId: incident.incidentId,
        respondedAt: context.now,
        respondedOn: context.today,
        outcome,
        ...(title ? { thematicReviewTitle: title } : {}),
      },
      personal: { comments: requireText(data.comments, 'comments') },
    },
  ];
};

const requireLinker = (context: CommandContext, incident: NotifiedIncidentState, reviewKind: 'local' | 'national') => {
  if (context.actor.role === 'admin') return;
  if (reviewKind === 'national') return requireRole(context, ['panel'], 'link an incident to a national review');
  requireOwnPartnership(context, incident.partnershipId, 'link this incident to a local review');
};

export const linkIncidentToReview = (command: LinkIncidentToReview, state: IncidentState): IncidentEvent[] => {
  const { data, context } = command;
  const reviewKind = requireOneOf(data.reviewKind, 'reviewKind', ['local', 'national'] as const);
  const incident = existing(state, data.incidentId);
  requireLinker(context, incident, reviewKind);
  const reviewId = requireId(data.reviewId, 'reviewId');
  // Idempotent: the handler may retry the link after a crash between the review append and this one.
  if (incident.linkedReviews.some((l) => l.reviewId === reviewId)) return [];
  notWithdrawn(incident, 'link it to a review');
  return [
    {
      type: 'IncidentLinkedToReview',
      schemaVersion: INCIDENT_SCHEMA_VERSION,
      data: { incidentId: incident.incidentId, reviewId, reviewKind, linkedAt: context.now },
    },
  ];
};

/** Ofsted and the public never write: no incident command accepts their role (each function checks). */
export const decideIncident = (command: IncidentCommand, state: IncidentState): IncidentEvent[] => {
  requireContext(command.context);
  switch (command.type) {
    case 'NotifyIncident':
      return notifyIncident(command, state);
    case 'AmendNotification':
      return amendNotification(command, state);
    case 'WithdrawNotification':
      return withdrawNotification(command, state);
    case 'SubmitRapidReview':
      return submitRapidReview(command, state);
    case 'RespondToRapidReview':
      return respondToRapidReview(command, state);
    case 'LinkIncidentToReview':
      return linkIncidentToReview(command, state);
    case 'RequestErasure':
      return requestErasure(command, state);
    case 'ApproveErasure':
      return approveErasure(command, state);
    case 'CancelErasureRequest':
      return cancelErasureRequest(command, state);
    default:
      return assertNever(command, 'incident command');
  }
};

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  initialState: initialIncidentState,
  evolve: evolveIncident,
  decide: decideIncident,
};
