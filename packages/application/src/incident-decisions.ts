/** How each incident command is decided: stream, reference data, and the erasure key destruction. */
import { incidentDecider, incidentStreamId } from '@cspr/domain';
import type { CommandContext, IncidentCommand, IncidentEvent, IncidentState } from '@cspr/domain';
import type { Decision } from './execute-decision';
import { loadCoverage } from './reference-data';
import type { HandlerDeps } from './handler-deps';

export type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

export const incidentDecision = (deps: HandlerDeps, command: Bare<IncidentCommand>): Decision<IncidentCommand, IncidentEvent, IncidentState> => {
  const { incidentId } = command.data;
  return {
    decider: incidentDecider,
    streamId: incidentStreamId(incidentId),
    subjectId: incidentId,
    partnershipOf: (state, events) => {
      if (state.status !== 'none') return state.partnershipId;
      const first = events[0];
      return first?.type === 'IncidentNotified' ? first.data.partnershipId : undefined;
    },
    build: async (state, context: CommandContext): Promise<IncidentCommand> => {
      switch (command.type) {
        case 'NotifyIncident':
          return { ...command, context, reference: await loadCoverage(deps.store, command.data.partnershipId, deps.partnerships) };
        case 'AmendNotification':
          return { ...command, context, reference: await loadCoverage(deps.store, state.status === 'none' ? '' : state.partnershipId, deps.partnerships) };
        case 'ErasePersonalData':
          return { ...command, context, reference: { adminUserIds: [...(await deps.adminUserIds())] } };
        default:
          return { ...command, context } as IncidentCommand;
      }
    },
    beforeAppend: async (events, state) => {
      // Erasure destroys the key before the event is written: if the append then fails, a retry writes the
      // event; the other order could record an erasure whose key still opens the data.
      const erased = events.find((e) => e.type === 'PersonalDataErased');
      if (erased?.type === 'PersonalDataErased') {
        const erasure = { reason: erased.data.legalBasis, requestedBy: erased.data.requestedBy, approvedBy: erased.data.approvedBy };
        await deps.vault.destroyKey(incidentId, erasure);
        // Review free text (delay explanations) is sealed under the review's key: it may name the child, so the
        // linked reviews' keys go too (for a national review that erases more than this child's data: the safe side).
        for (const link of state.status === 'none' ? [] : state.linkedReviews) await deps.vault.destroyKey(link.reviewId, erasure);
      }
    },
  };
};
