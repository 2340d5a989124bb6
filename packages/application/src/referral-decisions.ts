/**
 * How referral commands are decided, and what follows a sub-group's decision on other streams: `notify` notifies the
 * incident from the referral's facts (its clock anchored on the referral's awareness date), `alternative-review`
 * commissions the non-statutory review. Referral personal parts are sealed under the referral id.
 */
import {
  decodeEvent,
  illegalState,
  incidentStreamId,
  notificationFromReferral,
  referralDecider,
  referralStreamId,
  reviewStreamId,
  validationError,
} from '@cspr/domain';
import type {
  CommandContext,
  DecideReferral,
  GuidanceEdition,
  NonStatutoryReviewKind,
  Notifier,
  ReferralCommand,
  ReferralDecided,
  ReferralEvent,
  ReferralPersonalData,
  ReferralState,
  ReferralSubmitted,
} from '@cspr/domain';
import type { PersonalDataVault } from '@cspr/personal-data';
import { readStreamOrEmpty } from './aggregate-stream';
import type { Decision } from './execute-decision';
import type { HandlerDeps } from './handler-deps';
import type { Bare } from './incident-decisions';
import { loadCoverage } from './reference-data';
import { openForWrite } from './write-path-audit';
import { destroyErasedKeys } from './erasure-keys';

/** The fields of a referral's personal part (referral-events.ts), named in the audit of its opening. */
const REFERRAL_PERSONAL_FIELDS = ['referrer', 'whatHappened', 'agencyReasons', 'location', 'incidentTime', 'children'];

/**
 * DecideReferral as callers give it: the decision, plus what the follow-on command needs that the referral lacks.
 * - `notification` (required with `notify`): the guidance edition and the partnership's notifier.
 * - `reviewTitle` (optional with `alternative-review`): the review's title. Default: the kind and the referral's date.
 */
export type DecideReferralRequest = {
  type: 'DecideReferral';
  data: DecideReferral['data'] & {
    notification?: { guidanceEdition: GuidanceEdition; notifier: Notifier };
    reviewTitle?: string;
  };
};

export type ReferralApplicationCommand =
  Exclude<Bare<ReferralCommand>, { type: 'DecideReferral' }> | DecideReferralRequest;

export const REFERRAL_COMMAND_TYPES = new Set<string>(['SubmitReferral', 'DecideReferral', 'WithdrawReferral']);

export const referralDecision = (
  deps: HandlerDeps,
  command: ReferralApplicationCommand,
): Decision<ReferralCommand, ReferralEvent, ReferralState, CommandContext> => {
  const { referralId } = command.data;
  return {
    decider: referralDecider,
    streamId: referralStreamId(referralId),
    subjectId: referralId,
    partnershipOf: (state, events) => {
      if (state.status !== 'none') return state.partnershipId;
      const first = events[0];
      return first?.type === 'ReferralSubmitted' ? first.data.partnershipId : undefined;
    },
    build: async (_state, context: CommandContext): Promise<ReferralCommand> => {
      switch (command.type) {
        case 'SubmitReferral':
          return {
            ...command,
            context,
            reference: await loadCoverage(deps.store, command.data.partnershipId, deps.partnerships),
          };
        case 'DecideReferral': {
          const { notification: _n, reviewTitle: _t, ...data } = command.data;
          if (
            data.outcome === 'notify' &&
            (!command.data.notification || typeof command.data.notification !== 'object')
          ) {
            // Checked before the decision is written, so a decision to notify never waits for a notifier.
            throw validationError(
              'notification',
              "A decision to notify needs the notification's guidance edition and notifier",
            );
          }
          return { type: 'DecideReferral', data, context };
        }
        case 'RequestErasure':
        case 'ApproveErasure':
        case 'CancelErasureRequest':
          return { ...command, context, reference: { adminUserIds: [...(await deps.adminUserIds())] } };
        default:
          return { ...command, context };
      }
    },
    // Approving the erasure destroys the referral's key and the key of the review it led to (erasure-keys.ts).
    beforeAppend: (events, state) =>
      destroyErasedKeys(deps.vault, events, [
        referralId,
        state.status === 'none' ? undefined : state.decision?.reviewId,
      ]),
  };
};

/** The referral's submission (personal part opened) and its decision, read from the stream. */
export const readDecidedReferral = async (
  deps: { store: HandlerDeps['store']; vault: PersonalDataVault; audit?: HandlerDeps['audit'] },
  referralId: string,
  /** The command's correlation id, for the audit entry. */
  requestId = `referral/${referralId}`,
): Promise<{ submitted: ReferralSubmitted; decided: ReferralDecided } | null> => {
  const recorded = await readStreamOrEmpty(deps.store, referralStreamId(referralId));
  const events = recorded.map((e) => decodeEvent(e) as unknown as ReferralEvent);
  const submitted = events.find((e): e is ReferralSubmitted => e.type === 'ReferralSubmitted');
  const decided = events.find((e): e is ReferralDecided => e.type === 'ReferralDecided');
  if (!submitted || !decided) return null;
  // The write path's own read, audited as the system (write-path-audit.ts); the request is the command's correlation.
  const opened = await openForWrite<ReferralPersonalData>(deps, referralId, submitted.personal, {
    purpose: 'notify-from-referral',
    fields: REFERRAL_PERSONAL_FIELDS,
    requestId,
    partnershipId: submitted.data.partnershipId,
  });
  if (opened.status !== 'available')
    throw illegalState(`Personal data of referral ${referralId} cannot be read: no notification can be made from it`);
  return { submitted: { ...submitted, personal: opened.value }, decided };
};

const KIND_TITLES: Record<NonStatutoryReviewKind, string> = {
  'partnership-review': 'Partnership review',
  'multi-agency-learning-review': 'Multi-agency learning review',
  'single-agency-review': 'Single-agency review',
};

/** A follow-on command on another stream, or null when it already happened (a retried decision). */
export type FollowOn =
  | { type: 'NotifyIncident'; data: ReturnType<typeof notificationFromReferral> }
  | {
      type: 'CommissionNonStatutoryReview';
      data: {
        reviewId: string;
        partnershipId: string;
        kind: NonStatutoryReviewKind;
        referralIds: string[];
        incidentIds: string[];
        title: string;
      };
    };

export const followOnOf = async (
  deps: { store: HandlerDeps['store']; vault: PersonalDataVault; audit?: HandlerDeps['audit'] },
  request: DecideReferralRequest,
  requestId?: string,
): Promise<FollowOn | null> => {
  const referral = await readDecidedReferral(deps, request.data.referralId, requestId);
  if (!referral) return null;
  const { submitted, decided } = referral;
  if (decided.data.outcome === 'notify' && decided.data.incidentId !== undefined) {
    const incident = await readStreamOrEmpty(deps.store, incidentStreamId(decided.data.incidentId));
    if (
      incident.some(
        (e) =>
          e.type === 'IncidentNotified' &&
          (e.data as { referralId?: unknown }).referralId === submitted.data.referralId,
      )
    )
      return null;
    const notification = request.data.notification;
    if (!notification)
      throw validationError(
        'notification',
        "A decision to notify needs the notification's guidance edition and notifier",
      );
    return {
      type: 'NotifyIncident',
      data: notificationFromReferral({
        submitted,
        decided,
        guidanceEdition: notification.guidanceEdition,
        notifier: notification.notifier,
      }),
    };
  }
  if (
    decided.data.outcome === 'alternative-review' &&
    decided.data.reviewId !== undefined &&
    decided.data.reviewKind !== undefined
  ) {
    const review = await readStreamOrEmpty(deps.store, reviewStreamId(decided.data.reviewId));
    if (review.some((e) => e.type === 'NonStatutoryReviewCommissioned')) return null;
    const title =
      typeof request.data.reviewTitle === 'string' && request.data.reviewTitle.trim() !== ''
        ? request.data.reviewTitle
        : `${KIND_TITLES[decided.data.reviewKind]} (referral of ${submitted.data.submittedOn})`;
    return {
      type: 'CommissionNonStatutoryReview',
      data: {
        reviewId: decided.data.reviewId,
        partnershipId: submitted.data.partnershipId,
        kind: decided.data.reviewKind,
        referralIds: [submitted.data.referralId],
        incidentIds: [],
        title,
      },
    };
  }
  return null;
};
