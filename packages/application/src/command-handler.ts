/**
 * `createCommandHandler`: the application service every write goes through. The gateway (and start-up
 * registration, the demo loader, tests) hand it a command without context or reference; it stamps the context
 * from the clock and the actor, loads reference data, and runs the decision on the right stream.
 */
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { incidentDecider, incidentStreamId, isDomainError } from '@cspr/domain';
import type { IncidentCommand, IncidentEvent, IncidentState } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import type { PersonalDataVault } from '@cspr/personal-data';
import { ATTR, SPAN, TRACER_NAME } from '@cspr/telemetry';
import { contextFor, executeDecision } from './execute-decision';
import type { CommandEnvelope, DecisionResult } from './execute-decision';
import { loadCoverage } from './reference-data';
import type { PartnershipReference } from './reference-data';

/** A command as callers give it: the domain command without `context` and `reference`, which the handler adds. */
type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

export type ApplicationCommand = Bare<IncidentCommand>;

export type CommandHandlerOptions = {
  store: EventStore;
  vault: PersonalDataVault;
  clock: () => Date;
  newId: () => string;
  /** Partnerships used when one has no stream yet. Default: none. */
  partnerships?: readonly PartnershipReference[];
  /** User ids holding the admin role, for four-eyes erasure. Default: none (erasure refused). */
  adminUserIds?: () => Promise<string[]> | string[];
  /** Attempts on a concurrent write. Default 4. */
  maxAttempts?: number;
};

export type CommandHandler = {
  execute: (command: ApplicationCommand, envelope: CommandEnvelope) => Promise<DecisionResult>;
};

const tracer = trace.getTracer(TRACER_NAME);

const traceparentOf = (envelope: CommandEnvelope): string | undefined => {
  if (envelope.traceparent) return envelope.traceparent;
  const span = trace.getActiveSpan()?.spanContext();
  return span ? `00-${span.traceId}-${span.spanId}-0${span.traceFlags.toString(16)}` : undefined;
};

export const createCommandHandler = (options: CommandHandlerOptions): CommandHandler => {
  const { store, vault } = options;
  const deps = { store, vault, newId: options.newId, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) };
  const partnerships = options.partnerships ?? [];

  const incident = (command: Bare<IncidentCommand>, envelope: CommandEnvelope, now: Date) => {
    const incidentId = command.data.incidentId;
    return executeDecision<IncidentCommand, IncidentEvent, IncidentState>(deps, {
      decider: incidentDecider,
      streamId: incidentStreamId(incidentId),
      subjectId: incidentId,
      partnershipOf: (state, events) => {
        if (state.status !== 'none') return state.partnershipId;
        const first = events[0];
        return first?.type === 'IncidentNotified' ? first.data.partnershipId : undefined;
      },
      build: async (state, context) => {
        switch (command.type) {
          case 'NotifyIncident':
            return { ...command, context, reference: await loadCoverage(store, command.data.partnershipId, partnerships) };
          case 'AmendNotification':
            return { ...command, context, reference: await loadCoverage(store, state.status === 'none' ? '' : state.partnershipId, partnerships) };
          case 'ErasePersonalData':
            return { ...command, context, reference: { adminUserIds: [...(await options.adminUserIds?.() ?? [])] } };
          default:
            return { ...command, context } as IncidentCommand;
        }
      },
      beforeAppend: async (events) => {
        // Erasure destroys the key before the event is written: if the append then fails, a retry writes the
        // event; the other order could record an erasure whose key still opens the data.
        const erased = events.find((e) => e.type === 'PersonalDataErased');
        if (erased?.type === 'PersonalDataErased') {
          await vault.destroyKey(incidentId, { reason: erased.data.legalBasis, requestedBy: erased.data.requestedBy, approvedBy: erased.data.approvedBy });
        }
      },
    }, { ...envelope, traceparent: traceparentOf(envelope) }, contextFor(envelope.actor, now));
  };

  return {
    execute: (command, envelope) =>
      tracer.startActiveSpan(SPAN.commandHandle, async (span) => {
        span.setAttribute(ATTR.commandType, command.type);
        span.setAttribute(ATTR.role, envelope.actor.role);
        try {
          const result = await incident(command, envelope, options.clock());
          span.setAttribute(ATTR.streamId, result.streamId);
          span.setAttribute(ATTR.eventCount, result.events.length);
          span.setAttribute(ATTR.commandOutcome, result.alreadyApplied ? 'already_applied' : 'applied');
          return result;
        } catch (error) {
          span.setAttribute(ATTR.commandOutcome, isDomainError(error) ? error.code : 'error');
          if (!isDomainError(error)) span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      }),
  };
};
