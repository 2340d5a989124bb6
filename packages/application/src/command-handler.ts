/**
 * `createCommandHandler`: the application service every write goes through. Callers (the gateway, start-up
 * registration, the demo loader, tests) hand it a command without context or reference; it stamps the context
 * from the clock and the actor, loads reference data, and runs the decision on the right stream.
 */
import { trace, SpanStatusCode } from '@opentelemetry/api';
import {
  createEnglandAndWalesCalendar,
  defaultPartnerships,
  ERASURE_COMMAND_TYPES,
  forbidden,
  isDomainError,
  validationError,
} from '@cspr/domain';
import type {
  AccessCommand,
  CommandContext,
  IncidentCommand,
  PartnershipCommand,
  StatisticsReleaseCommand,
  WorkingDayCalendar,
} from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import type { PersonalDataVault, ReadAudit } from '@cspr/personal-data';
import { activeTraceparent, ATTR, platformMetrics, SPAN, TRACER_NAME, withCorrelationId } from '@cspr/telemetry';
import { referenceAllocator } from './case-references';
import { ACCESS_COMMAND_TYPES, accessDecision } from './access-decisions';
import { contextFor, executeDecision } from './execute-decision';
import type { CommandEnvelope, DecisionResult } from './execute-decision';
import type { HandlerDeps } from './handler-deps';
import { incidentDecision } from './incident-decisions';
import type { Bare } from './incident-decisions';
import { partnershipDecision } from './partnership-decisions';
import type { PartnershipReference } from './reference-data';
import { followOnOf, REFERRAL_COMMAND_TYPES, referralDecision } from './referral-decisions';
import type { ReferralApplicationCommand } from './referral-decisions';
import { reviewDecision } from './review-decisions';
import { STATISTICS_RELEASE_COMMAND_TYPES, statisticsReleaseDecision } from './statistics-release-decisions';
import type { ReviewApplicationCommand } from './review-decisions';

/** A command as callers give it: the domain command without `context` and `reference`, which the handler adds. */
export type ApplicationCommand =
  | Bare<IncidentCommand>
  | ReviewApplicationCommand
  | Bare<PartnershipCommand>
  | ReferralApplicationCommand
  | Bare<StatisticsReleaseCommand>
  | Bare<AccessCommand>;

export type CommandHandlerOptions = {
  store: EventStore;
  vault: PersonalDataVault;
  clock: () => Date;
  newId: () => string;
  /** Default England and Wales. */
  calendar?: WorkingDayCalendar;
  /** Partnerships used when one has no stream yet. Default: the shipped `defaultPartnerships`. */
  partnerships?: readonly PartnershipReference[];
  /** User ids holding the admin role, for four-eyes erasure. Default: none (erasure refused). */
  adminUserIds?: () => Promise<string[]> | string[];
  /**
   * Audit log for the personal data the handler itself opens (merging an amendment, notifying from a referral),
   * recorded as `system:command-handler` with the purpose. Default: none, and those commands are then refused.
   */
  audit?: ReadAudit;
  /** Attempts on a concurrent write. Default 4. */
  maxAttempts?: number;
};

export type CommandResult = DecisionResult & {
  /**
   * Results on other streams the command caused: the incidents linked to a commissioned review; the notification
   * or the non-statutory review that follows a referral decision.
   */
  related: DecisionResult[];
};

export type CommandHandler = {
  execute: (command: ApplicationCommand, envelope: CommandEnvelope) => Promise<CommandResult>;
};

const tracer = trace.getTracer(TRACER_NAME);

const INCIDENT_TYPES = new Set<string>([
  'NotifyIncident',
  'AmendNotification',
  'WithdrawNotification',
  'SubmitRapidReview',
  'RespondToRapidReview',
  'LinkIncidentToReview',
  'RequestErasure',
  'ApproveErasure',
  'CancelErasureRequest',
]);
const PARTNERSHIP_TYPES = new Set<string>([
  'RegisterPartnership',
  'ChangePartnership',
  'AddPartnershipContact',
  'RemovePartnershipContact',
  'SetEmailPreferences',
]);

/**
 * Erasure commands go to the stream of the subject they name (shared/erasure.ts): `incidentId`, `referralId` or
 * `reviewId`, exactly one.
 */
const erasureSubjectField = (c: ApplicationCommand): 'incidentId' | 'referralId' | 'reviewId' | null => {
  if (!ERASURE_COMMAND_TYPES.has(c.type)) return null;
  const named = (['incidentId', 'referralId', 'reviewId'] as const).filter(
    (field) => (c.data as Record<string, unknown>)[field] !== undefined,
  );
  if (named.length !== 1)
    throw validationError('incidentId', 'An erasure names exactly one incident, referral or review');
  return named[0]!;
};
const isIncidentCommand = (c: ApplicationCommand): c is Bare<IncidentCommand> =>
  INCIDENT_TYPES.has(c.type) && (erasureSubjectField(c) ?? 'incidentId') === 'incidentId';
const isPartnershipCommand = (c: ApplicationCommand): c is Bare<PartnershipCommand> => PARTNERSHIP_TYPES.has(c.type);
const isReferralCommand = (c: ApplicationCommand): c is ReferralApplicationCommand =>
  REFERRAL_COMMAND_TYPES.has(c.type) || erasureSubjectField(c) === 'referralId';
const isStatisticsReleaseCommand = (c: ApplicationCommand): c is Bare<StatisticsReleaseCommand> =>
  STATISTICS_RELEASE_COMMAND_TYPES.has(c.type);
const isAccessCommand = (c: ApplicationCommand): c is Bare<AccessCommand> => ACCESS_COMMAND_TYPES.has(c.type);

/** Incident and partnership deciders know only the first roles: an extended role is refused here, as forbidden. */
const firstRoleContext = (context: ReturnType<typeof contextFor>, type: string): CommandContext => {
  if (context.actor.role === 'agency' || context.actor.role === 'dfe')
    throw forbidden(`The ${context.actor.role} role may not send ${type}`);
  return context as CommandContext;
};

/**
 * The command span's own context when tracing is on, so the projector and relay continue from the command (the
 * caller's `traceparent` is this span's ancestor anyway); the caller's when tracing is off, so it still travels.
 */
const traceparentOf = (envelope: CommandEnvelope): string | undefined => activeTraceparent() ?? envelope.traceparent;

const outcomeOf = (error: unknown): 'rejected' | 'conflict' | 'error' =>
  !isDomainError(error) ? 'error' : error.code === 'concurrency' ? 'conflict' : 'rejected';

const LINKING_COMMISSIONS = new Set<string>([
  'CommissionLocalReview',
  'CommissionNationalReview',
  'CommissionNonStatutoryReview',
  'CommissionThematicReview',
]);
type LinkingCommission = Extract<
  ReviewApplicationCommand,
  {
    type:
      | 'CommissionLocalReview'
      | 'CommissionNationalReview'
      | 'CommissionNonStatutoryReview'
      | 'CommissionThematicReview';
  }
>;
const isLinkingCommission = (c: ReviewApplicationCommand): c is LinkingCommission => LINKING_COMMISSIONS.has(c.type);

const later = (a: DecisionResult['position'], b: DecisionResult['position']) =>
  !a ? b : !b ? a : a.commit > b.commit || (a.commit === b.commit && a.prepare >= b.prepare) ? a : b;

export const createCommandHandler = (options: CommandHandlerOptions): CommandHandler => {
  const deps: HandlerDeps = {
    store: options.store,
    vault: options.vault,
    calendar: options.calendar ?? createEnglandAndWalesCalendar(),
    partnerships: options.partnerships ?? defaultPartnerships,
    adminUserIds: options.adminUserIds ?? (() => []),
    ...(options.audit ? { audit: options.audit } : {}),
  };
  const execution = {
    store: options.store,
    vault: options.vault,
    newId: options.newId,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };

  const run = async (command: ApplicationCommand, envelope: CommandEnvelope): Promise<CommandResult> => {
    const context = contextFor(envelope.actor, options.clock());
    const allocate = referenceAllocator(execution, envelope, context);
    if (isIncidentCommand(command))
      return {
        ...(await executeDecision(
          execution,
          incidentDecision(deps, command, allocate),
          envelope,
          firstRoleContext(context, command.type),
        )),
        related: [],
      };
    if (isStatisticsReleaseCommand(command)) {
      return {
        ...(await executeDecision(
          execution,
          statisticsReleaseDecision(command),
          envelope,
          firstRoleContext(context, command.type),
        )),
        related: [],
      };
    }
    if (isPartnershipCommand(command))
      return {
        ...(await executeDecision(
          execution,
          partnershipDecision(command),
          envelope,
          firstRoleContext(context, command.type),
        )),
        related: [],
      };
    if (isAccessCommand(command))
      return {
        ...(await executeDecision(
          execution,
          accessDecision(command),
          envelope,
          firstRoleContext(context, command.type),
        )),
        related: [],
      };
    if (isReferralCommand(command)) {
      const result = await executeDecision(execution, referralDecision(deps, command), envelope, context);
      if (command.type !== 'DecideReferral') return { ...result, related: [] };
      // The follow-on runs on a retried command too (alreadyApplied), so a crash between the appends heals on retry;
      // it is skipped once it happened (the notification or review records the referral).
      const followOn = await followOnOf(deps, command, envelope.correlationId);
      if (!followOn) return { ...result, related: [] };
      const followEnvelope = {
        ...envelope,
        causationId: result.events[0]?.eventId ?? envelope.causationId,
        ...(envelope.commandId ? { commandId: `${envelope.commandId}/follow-on` } : {}),
      };
      const related = [
        followOn.type === 'NotifyIncident'
          ? await executeDecision(
              execution,
              incidentDecision(deps, followOn, allocate),
              followEnvelope,
              firstRoleContext(context, followOn.type),
            )
          : await executeDecision(execution, reviewDecision(deps, followOn, allocate), followEnvelope, context),
      ];
      return { ...result, position: related.reduce((p, r) => later(p, r.position), result.position), related };
    }
    const result = await executeDecision(execution, reviewDecision(deps, command, allocate), envelope, context);
    if (!isLinkingCommission(command)) return { ...result, related: [] };
    // The incidents learn of their review on their own streams, after the review exists. Runs on a retried command
    // too (alreadyApplied), so a crash between the two appends heals on retry; linking twice appends nothing.
    // Non-statutory and thematic reviews link as the incident stream knows them: partnership-owned ones as local,
    // the Panel's national thematic reviews as national (so erasure reaches their keys too).
    const reviewKind =
      command.type === 'CommissionNationalReview' ||
      (command.type === 'CommissionThematicReview' && command.data.partnershipId === 'national')
        ? 'national'
        : 'local';
    const related: DecisionResult[] = [];
    for (const incidentId of command.data.incidentIds) {
      related.push(
        await executeDecision(
          execution,
          incidentDecision(deps, {
            type: 'LinkIncidentToReview',
            data: { incidentId, reviewId: command.data.reviewId, reviewKind },
          }),
          {
            ...envelope,
            causationId: result.events[0]?.eventId ?? envelope.causationId,
            ...(envelope.commandId ? { commandId: `${envelope.commandId}/link` } : {}),
          },
          firstRoleContext(context, 'LinkIncidentToReview'),
        ),
      );
    }
    const position = related.reduce((p, r) => later(p, r.position), result.position);
    return { ...result, position, related };
  };

  return {
    execute: (command, envelope) =>
      tracer.startActiveSpan(SPAN.commandHandle, async (span) => {
        span.setAttribute(ATTR.commandType, command.type);
        span.setAttribute(ATTR.role, envelope.actor.role);
        const correlationId = envelope.correlationId ?? envelope.commandId ?? options.newId();
        span.setAttribute(ATTR.correlationId, correlationId);
        try {
          const traceparent = traceparentOf(envelope);
          const result = await withCorrelationId(correlationId, () =>
            run(command, { ...envelope, correlationId, ...(traceparent ? { traceparent } : {}) }),
          );
          span.setAttribute(ATTR.streamId, result.streamId);
          span.setAttribute(ATTR.eventCount, result.events.length);
          span.setAttribute(ATTR.commandOutcome, result.alreadyApplied ? 'already_applied' : 'applied');
          platformMetrics().commandHandled(command.type, 'accepted');
          return result;
        } catch (error) {
          span.setAttribute(ATTR.commandOutcome, isDomainError(error) ? error.code : 'error');
          platformMetrics().commandHandled(command.type, outcomeOf(error));
          if (!isDomainError(error)) span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      }),
  };
};
