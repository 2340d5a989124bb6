/**
 * How each review command is decided, for every kind of review, by `reviewDecider`. Commissioning loads the linked
 * incidents' (and referrals', and linked reviews') states as reference; publishing counts working days since the
 * final report (the decider uses them on the statutory kinds only).
 */
import {
  incidentDecider,
  incidentStreamId,
  referralDecider,
  referralStreamId,
  reviewDecider,
  reviewStreamId,
} from '@cspr/domain';
import type {
  CommandContext,
  IncidentState,
  ReferralState,
  ReviewCommand,
  ReviewEvent,
  ReviewState,
} from '@cspr/domain';
import { loadAggregate } from './aggregate-stream';
import type { AllocateReference } from './case-references';
import { yearOf } from './case-references';
import type { Decision } from './execute-decision';
import type { HandlerDeps } from './handler-deps';
import type { Bare } from './incident-decisions';
import { loadPartnership } from './reference-data';
import { destroyErasedKeys } from './erasure-keys';

/** At most this many ids are loaded as reference; the decider refuses longer lists anyway. */
const MAX_REFERENCE_IDS = 500;

const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string').slice(0, MAX_REFERENCE_IDS) : [];

/** States folded from their own streams, by id; a stream that does not exist is left out (the decider says not found). */
const loadStates = async <State extends { status: string }>(
  deps: HandlerDeps,
  ids: unknown,
  load: (id: string) => Promise<State>,
): Promise<Record<string, State>> => {
  const entries = await Promise.all(idsOf(ids).map(async (id) => [id, await load(id)] as const));
  return Object.fromEntries(entries.filter(([, state]) => state.status !== 'none'));
};

const loadIncidents = (deps: HandlerDeps, ids: unknown): Promise<Record<string, IncidentState>> =>
  loadStates(deps, ids, async (id) => (await loadAggregate(deps.store, incidentDecider, incidentStreamId(id))).state);

const loadReferrals = (deps: HandlerDeps, ids: unknown): Promise<Record<string, ReferralState>> =>
  loadStates(deps, ids, async (id) => (await loadAggregate(deps.store, referralDecider, referralStreamId(id))).state);

const loadReviews = (deps: HandlerDeps, ids: unknown): Promise<Record<string, ReviewState>> =>
  loadStates(deps, ids, async (id) => (await loadAggregate(deps.store, reviewDecider, reviewStreamId(id))).state);

/** Registered partnerships among the ids named (from their streams, else the shipped reference data). */
const knownPartnerships = async (deps: HandlerDeps, ids: unknown): Promise<string[]> => {
  const found = await Promise.all(
    idsOf(ids).map(async (id) => ((await loadPartnership(deps.store, id, deps.partnerships)) ? id : null)),
  );
  return found.filter((id): id is string => id !== null);
};

const ownerOnFirstEvent = (event: ReviewEvent | undefined): string | undefined => {
  switch (event?.type) {
    case 'LocalReviewCommissioned':
    case 'NonStatutoryReviewCommissioned':
    case 'HistoricReviewRecorded':
      return event.data.partnershipId;
    case 'ThematicReviewCommissioned':
      return event.data.partnershipId === 'national' ? undefined : event.data.partnershipId;
    default:
      return undefined;
  }
};

export type ReviewApplicationCommand = Bare<ReviewCommand>;

const COMMISSIONED = new Set([
  'LocalReviewCommissioned',
  'NationalReviewCommissioned',
  'NonStatutoryReviewCommissioned',
  'ThematicReviewCommissioned',
]);

/** A commissioned review takes its case reference once the decision held, just before it is appended. */
const withReference = async (
  events: ReviewEvent[],
  allocate: AllocateReference | undefined,
): Promise<ReviewEvent[]> => {
  if (!allocate) return events;
  return Promise.all(
    events.map(async (event) => {
      if (!COMMISSIONED.has(event.type)) return event;
      const data = event.data as { reviewId: string; commissionedOn: string; reference?: string };
      if (data.reference !== undefined) return event;
      const owner = ownerOnFirstEvent(event);
      const reference = await allocate({
        kind: 'REV',
        year: yearOf(data.commissionedOn),
        subjectId: data.reviewId,
        ...(owner ? { partnershipId: owner } : {}),
      });
      return { ...event, data: { ...event.data, reference } } as ReviewEvent;
    }),
  );
};

/** `allocate` hands out case references; without it (tests of other rules) reviews carry none. */
export const reviewDecision = (
  deps: HandlerDeps,
  command: ReviewApplicationCommand,
  allocate?: AllocateReference,
): Decision<ReviewCommand, ReviewEvent, ReviewState, CommandContext> => {
  const { reviewId } = command.data;
  return {
    complete: (events) => withReference(events, allocate),
    decider: reviewDecider,
    streamId: reviewStreamId(reviewId),
    subjectId: reviewId,
    partnershipOf: (state, events) =>
      state.status !== 'none' ? (state.ownerPartnershipId ?? undefined) : ownerOnFirstEvent(events[0]),
    build: async (state, context: CommandContext): Promise<ReviewCommand> => {
      switch (command.type) {
        case 'CommissionLocalReview':
        case 'CommissionNationalReview':
          return { ...command, context, reference: { incidents: await loadIncidents(deps, command.data.incidentIds) } };
        case 'CommissionNonStatutoryReview':
          return {
            ...command,
            context,
            reference: {
              referrals: await loadReferrals(deps, command.data.referralIds),
              incidents: await loadIncidents(deps, command.data.incidentIds),
            },
          };
        case 'CommissionThematicReview':
          return {
            ...command,
            context,
            reference: {
              incidents: await loadIncidents(deps, command.data.incidentIds),
              reviews: await loadReviews(deps, command.data.reviewIds),
            },
          };
        case 'NameConcernedPartnerships':
          return {
            ...command,
            context,
            reference: { knownPartnershipIds: await knownPartnerships(deps, command.data.partnershipIds) },
          };
        case 'PublishReport': {
          const from = state.status === 'none' ? null : state.finalReportSubmittedOn;
          const publishedOn =
            typeof command.data.publishedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(command.data.publishedOn)
              ? command.data.publishedOn
              : null;
          // Without a final report or a valid date the decider refuses anyway; 0 keeps the reference well-formed.
          const workingDaysSinceFinalReport =
            from && publishedOn ? Math.max(0, deps.calendar.workingDaysBetween(from, publishedOn)) : 0;
          return { ...command, context, reference: { workingDaysSinceFinalReport } };
        }
        case 'RequestErasure':
        case 'ApproveErasure':
        case 'CancelErasureRequest':
          return { ...command, context, reference: { adminUserIds: [...(await deps.adminUserIds())] } };
        default:
          return { ...command, context };
      }
    },
    // Approving the erasure destroys the review's key and its referrals' keys (erasure-keys.ts).
    beforeAppend: (events, state) =>
      destroyErasedKeys(deps.vault, events, [reviewId, ...(state.status === 'none' ? [] : state.referralIds)]),
  };
};
