/**
 * How each review command is decided. Commissioning loads the linked incidents' states (folded from their own
 * streams) as reference; publishing counts working days since the final report with the calendar.
 */
import { incidentDecider, incidentStreamId, reviewDecider, reviewStreamId } from '@cspr/domain';
import type { CommandContext, IncidentState, ReviewCommand, ReviewEvent, ReviewState } from '@cspr/domain';
import { loadAggregate } from './aggregate-stream';
import type { Decision } from './execute-decision';
import type { HandlerDeps } from './handler-deps';
import type { Bare } from './incident-decisions';

const loadIncidents = async (deps: HandlerDeps, incidentIds: unknown): Promise<Record<string, IncidentState>> => {
  const ids = Array.isArray(incidentIds) ? incidentIds.filter((id): id is string => typeof id === 'string').slice(0, 500) : [];
  const entries = await Promise.all(ids.map(async (id) => [id, (await loadAggregate(deps.store, incidentDecider, incidentStreamId(id))).state] as const));
  // A stream that does not exist folds to { status: 'none' }; the decider reports it as not found.
  return Object.fromEntries(entries.filter(([, state]) => state.status !== 'none'));
};

export const reviewDecision = (deps: HandlerDeps, command: Bare<ReviewCommand>): Decision<ReviewCommand, ReviewEvent, ReviewState> => {
  const { reviewId } = command.data;
  return {
    decider: reviewDecider,
    streamId: reviewStreamId(reviewId),
    subjectId: reviewId,
    partnershipOf: (state, events) => {
      if (state.status !== 'none') return state.kind === 'local' ? state.partnershipIds[0] : undefined;
      const first = events[0];
      return first?.type === 'LocalReviewCommissioned' ? first.data.partnershipId : undefined;
    },
    build: async (state, context: CommandContext): Promise<ReviewCommand> => {
      switch (command.type) {
        case 'CommissionLocalReview':
        case 'CommissionNationalReview':
          return { ...command, context, reference: { incidents: await loadIncidents(deps, command.data.incidentIds) } } as ReviewCommand;
        case 'PublishReport': {
          const from = state.status === 'none' ? null : state.finalReportSubmittedOn;
          const publishedOn = typeof command.data.publishedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(command.data.publishedOn) ? command.data.publishedOn : null;
          // Without a final report or a valid date the decider refuses anyway; 0 keeps the reference well-formed.
          const workingDaysSinceFinalReport = from && publishedOn ? Math.max(0, deps.calendar.workingDaysBetween(from, publishedOn)) : 0;
          return { ...command, context, reference: { workingDaysSinceFinalReport } };
        }
        default:
          return { ...command, context } as ReviewCommand;
      }
    },
  };
};
