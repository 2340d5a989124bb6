/**
 * The referral decider: one pure function per command and the `decide` switch.
 * Who acts: an agency referrer tied to the partnership submits (and, until a decision, withdraws its own referral);
 * the partnership (its review sub-group acts through the partnership role) decides on its own referrals only.
 */
import type {
  DecideReferral,
  ReferralCommand,
  ReferralErasureCommand,
  SubmitReferral,
  WithdrawReferral,
} from './referral-commands';
import { decideErasure, ERASURE_COMMAND_TYPES, requireErasureAdmin } from '../shared/erasure';
import type { ReferralDecided, ReferralEvent } from './referral-events';
import { evolveReferral, initialReferralState, type ReferralState, type SubmittedReferralState } from './referral';
import { parseReferrer } from './referral-input';
import { AGENCY_CRITERIA_VIEWS, REFERRAL_OUTCOMES } from './referral-vocabulary';
import { NON_STATUTORY_REVIEW_KINDS } from '../review/review-vocabulary';
import { AGENCIES, INCIDENT_NATURES } from '../incident/incident-vocabulary';
import {
  parseChildren,
  parseIncidentTime,
  parseLocation,
  requireLocalAuthority,
  requireNotificationDates,
} from '../incident/notification-input';
import { forbidden, illegalState, notFound, validationError } from '../shared/domain-error';
import { assertNever, type Decider } from '../shared/event';
import { requireActingFor, requireContext } from '../shared/authorize';
import {
  FREE_TEXT_MAX,
  optionalString,
  requireBoolean,
  requireDate,
  requireId,
  requireOneOf,
  requireString,
} from '../shared/validate';

export const REFERRAL_SCHEMA_VERSION = 1;

const existing = (state: ReferralState, referralId: string): SubmittedReferralState => {
  if (state.status === 'none') throw notFound(`Referral ${referralId} has not been submitted`);
  return state;
};

const awaitingDecision = (referral: SubmittedReferralState, action: string): void => {
  if (referral.status !== 'submitted')
    throw illegalState(`Referral ${referral.referralId} is ${referral.status}: cannot ${action}`);
};

export const submitReferral = (command: SubmitReferral, state: ReferralState): ReferralEvent[] => {
  const { data, context, reference } = command;
  const partnershipId = requireId(data.partnershipId, 'partnershipId');
  requireActingFor(context, 'agency', partnershipId, 'submit a referral to this partnership');
  const referralId = requireId(data.referralId, 'referralId');
  if (state.status !== 'none') throw illegalState(`Referral ${referralId} has already been submitted`);
  const incidentOn = requireDate(data.incidentOn, 'incidentOn');
  const becameAwareOn = requireDate(data.becameAwareOn, 'becameAwareOn');
  requireNotificationDates(incidentOn, becameAwareOn, context.today, context.today);
  const children = parseChildren(data.children, incidentOn, context.today);
  const incidentTime = parseIncidentTime(data.incidentTime);
  return [
    {
      type: 'ReferralSubmitted',
      schemaVersion: REFERRAL_SCHEMA_VERSION,
      data: {
        referralId,
        partnershipId,
        localAuthorityCode: requireLocalAuthority(
          data.localAuthorityCode,
          'localAuthorityCode',
          reference?.partnershipLocalAuthorities ?? [],
          partnershipId,
        ),
        agency: requireOneOf(data.agency, 'agency', AGENCIES),
        referredBy: context.actor.userId,
        submittedAt: context.now,
        submittedOn: context.today,
        nature: requireOneOf(data.nature, 'nature', INCIDENT_NATURES),
        incidentOn,
        becameAwareOn,
        criteriaView: requireOneOf(data.criteriaView, 'criteriaView', AGENCY_CRITERIA_VIEWS),
        dslConsulted: requireBoolean(data.dslConsulted, 'dslConsulted'),
        children: children.characteristics,
      },
      personal: {
        referrer: parseReferrer(data.referrer),
        whatHappened: requireString(data.whatHappened, 'whatHappened', FREE_TEXT_MAX),
        agencyReasons: requireString(data.agencyReasons, 'agencyReasons', FREE_TEXT_MAX),
        location: parseLocation(data.location),
        ...(incidentTime !== undefined ? { incidentTime } : {}),
        children: children.personal,
      },
    },
  ];
};

/** Fields that belong to one outcome only: giving them with another is a mistake worth refusing. */
const refuseField = (value: unknown, field: string, outcome: string): void => {
  if (value !== undefined && value !== null)
    throw validationError(field, `${field} is given only when the outcome is ${outcome}`);
};

const decisionTargets = (data: DecideReferral['data'], outcome: ReferralDecided['data']['outcome']) => {
  switch (outcome) {
    case 'notify':
      refuseField(data.reviewKind, 'reviewKind', 'alternative-review');
      refuseField(data.reviewId, 'reviewId', 'alternative-review');
      return { incidentId: requireId(data.incidentId, 'incidentId') };
    case 'alternative-review':
      refuseField(data.incidentId, 'incidentId', 'notify');
      return {
        reviewKind: requireOneOf(data.reviewKind, 'reviewKind', NON_STATUTORY_REVIEW_KINDS),
        reviewId: requireId(data.reviewId, 'reviewId'),
      };
    case 'no-further-action':
      refuseField(data.incidentId, 'incidentId', 'notify');
      refuseField(data.reviewKind, 'reviewKind', 'alternative-review');
      refuseField(data.reviewId, 'reviewId', 'alternative-review');
      return {};
    default:
      return assertNever(outcome, 'referral outcome');
  }
};

export const decideReferral = (command: DecideReferral, state: ReferralState): ReferralEvent[] => {
  const { data, context } = command;
  const referral = existing(state, data.referralId);
  requireActingFor(context, 'partnership', referral.partnershipId, 'decide on this referral');
  awaitingDecision(referral, 'decide on it');
  const outcome = requireOneOf(data.outcome, 'outcome', REFERRAL_OUTCOMES);
  const targets = decisionTargets(data, outcome);
  const reasons =
    outcome === 'no-further-action'
      ? requireString(data.reasons, 'reasons', FREE_TEXT_MAX)
      : optionalString(data.reasons, 'reasons', FREE_TEXT_MAX);
  return [
    {
      type: 'ReferralDecided',
      schemaVersion: REFERRAL_SCHEMA_VERSION,
      data: {
        referralId: referral.referralId,
        partnershipId: referral.partnershipId,
        decidedAt: context.now,
        decidedOn: context.today,
        outcome,
        ...targets,
      },
      ...(reasons !== undefined ? { personal: { reasons } } : {}),
    },
  ];
};

export const withdrawReferral = (command: WithdrawReferral, state: ReferralState): ReferralEvent[] => {
  const { data, context } = command;
  const referral = existing(state, data.referralId);
  requireActingFor(context, 'agency', referral.partnershipId, 'withdraw this referral');
  if (context.actor.userId !== referral.referredBy)
    throw forbidden(`Only the referrer may withdraw referral ${referral.referralId}`);
  awaitingDecision(referral, 'withdraw it');
  return [
    {
      type: 'ReferralWithdrawn',
      schemaVersion: REFERRAL_SCHEMA_VERSION,
      data: {
        referralId: referral.referralId,
        partnershipId: referral.partnershipId,
        withdrawnAt: context.now,
        withdrawnOn: context.today,
      },
      personal: { reason: requireString(data.reason, 'reason', 10_000) },
    },
  ];
};

/**
 * Erasure of a referral. One decided as a notification is refused: its incident holds the same child's data and its
 * erasure destroys the referral's key too, so the request names the incident (one erasure per data subject).
 */
export const decideReferralErasure = (command: ReferralErasureCommand, state: ReferralState): ReferralEvent[] => {
  requireErasureAdmin(command);
  const referral = existing(state, command.data.referralId);
  if (referral.decision?.outcome === 'notify' && !referral.personalDataErased)
    throw illegalState(
      `Referral ${referral.referralId} led to incident ${referral.decision.incidentId ?? ''}: erase the incident, which covers the referral`,
    );
  return decideErasure(command, {
    field: 'referralId',
    id: referral.referralId,
    label: `referral ${referral.referralId}`,
    standing: referral,
  });
};

export const decideReferralCommand = (command: ReferralCommand, state: ReferralState): ReferralEvent[] => {
  requireContext(command.context);
  // After erasure the referral's key is gone: nothing more can be decided on it (and nothing sealed for it).
  if (!ERASURE_COMMAND_TYPES.has(command.type) && state.status !== 'none' && state.personalDataErased)
    throw illegalState(`Personal data of referral ${state.referralId} has been erased: it cannot change`);
  switch (command.type) {
    case 'RequestErasure':
    case 'ApproveErasure':
    case 'CancelErasureRequest':
      return decideReferralErasure(command, state);
    case 'SubmitReferral':
      return submitReferral(command, state);
    case 'DecideReferral':
      return decideReferral(command, state);
    case 'WithdrawReferral':
      return withdrawReferral(command, state);
    default:
      return assertNever(command, 'referral command');
  }
};

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: initialReferralState,
  evolve: evolveReferral,
  decide: decideReferralCommand,
};
