/**
 * The one write path (docs/architecture.md "Shape"): load the stream, decide (pure), seal each event's personal part, encode,
 * append with the revision read. On a concurrent write the whole decision is taken again on the new state, so
 * every rule is re-checked and a retry succeeds only where the decision still holds; after `maxAttempts` the
 * conflict goes back to the caller as DomainError('concurrency').
 */
import { DomainError, encodeEvent, londonDate } from '@cspr/domain';
import type { CommandContext, Decider, Actor } from '@cspr/domain';
import { WrongExpectedRevisionError } from '@cspr/event-store';
import type {
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LogPosition,
  RecordedEvent,
} from '@cspr/event-store';
import type { PersonalDataVault } from '@cspr/personal-data';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR, platformMetrics, SPAN, TRACER_NAME } from '@cspr/telemetry';
import { loadAggregate } from './aggregate-stream';
import { derivedEventId, earlierDerivedEventId, newEventId } from './event-ids';

export type AnyEvent = { type: string; schemaVersion: number; data: object; personal?: unknown };

/** Who asked, and how the request is traced and de-duplicated. */
export type CommandEnvelope = {
  /** May hold an extended role (`agency`, `dfe`): the deciders that do not know it refuse it as forbidden. */
  actor: Actor;
  /**
   * Client-chosen id of this command (1–100 characters). Event ids are derived from it (actor, command id, stream
   * and index: event-ids.ts), so a retried request appends nothing twice and answers with the first result. A
   * command id that starts with a UUIDv7 gives time-ordered event ids, which keep appends fast on a large log.
   */
  commandId?: string;
  /** Default: the command id, else a new id. */
  correlationId?: string;
  /** Default: the correlation id. */
  causationId?: string;
  /** W3C trace context of the request. */
  traceparent?: string;
};

export type AppendedEvent = { eventId: string; type: string; position: LogPosition };

export type DecisionResult = {
  streamId: string;
  /** Position of the last event written, or of the command's earlier write when it was a retry; null when nothing was written. */
  position: LogPosition | null;
  events: AppendedEvent[];
  /** True when the command id had already been applied: nothing new was written. */
  alreadyApplied: boolean;
};

export type ExecutionDeps = {
  store: EventStore;
  vault: PersonalDataVault;
  newId: () => string;
  /** Attempts on a concurrent write before answering 'concurrency'. Default 4. */
  maxAttempts?: number;
};

export type Decision<Command, Event, State, Context extends CommandContext = CommandContext> = {
  decider: Decider<Command, Event, State>;
  streamId: string;
  /** The personal-data subject whose key seals this stream's personal parts (the incident or review id). */
  subjectId: string;
  /** Builds the full command (with reference data, loaded afresh on every attempt) from the loaded state. */
  build: (state: State, context: Context) => Promise<Command> | Command;
  /** The partnership recorded in the metadata. */
  partnershipOf: (state: State, events: Event[]) => string | undefined;
  /**
   * Completes decided events from the stream read (an amendment's whole personal part) before they are sealed.
   * `requestId` is the command's correlation id (for the audit of any personal data it opens).
   */
  complete?: (events: Event[], recorded: RecordedEvent[], requestId: string) => Promise<Event[]>;
  /** Runs after the decision and before the append (erasure destroys the data key here). */
  beforeAppend?: (events: Event[], state: State) => Promise<void>;
};

export const contextFor = (actor: Actor, now: Date): CommandContext => {
  const instant = now.toISOString();
  return { actor, now: instant, today: londonDate(instant) };
};

/** The events this command appended to the stream before, if it is a retry: their ids are derived the same way. */
const earlierWrite = (
  recorded: RecordedEvent[],
  userId: string,
  commandId: string,
  streamId: string,
): AppendedEvent[] => {
  const found: AppendedEvent[] = [];
  for (let index = 0; ; index += 1) {
    const ids = [
      derivedEventId(userId, commandId, streamId, index),
      earlierDerivedEventId(userId, commandId, streamId, index),
    ];
    const event = recorded.find((e) => ids.includes(e.eventId));
    if (!event) return found;
    found.push({ eventId: event.eventId, type: event.type, position: event.position });
  }
};

const tracer = trace.getTracer(TRACER_NAME);

/** The append, as a client span (database semantic conventions) and a latency measurement. Ids and counts only. */
const tracedAppend = (
  store: EventStore,
  streamId: string,
  events: EventToAppend[],
  expectedRevision: ExpectedRevision,
) =>
  tracer.startActiveSpan(
    SPAN.eventStoreAppend,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR.dbSystem]: 'postgresql',
        [ATTR.dbOperation]: 'append_to_stream',
        [ATTR.streamId]: streamId,
        [ATTR.eventCount]: events.length,
      },
    },
    async (span) => {
      const started = performance.now();
      try {
        return await store.appendToStream(streamId, events, { expectedRevision });
      } catch (error) {
        span.setAttribute(ATTR.errorType, error instanceof Error ? error.name : 'error');
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        platformMetrics().appendDuration(performance.now() - started, events.length);
        span.end();
      }
    },
  );

export const executeDecision = async <
  Command,
  Event extends AnyEvent,
  State,
  Context extends CommandContext = CommandContext,
>(
  deps: ExecutionDeps,
  decision: Decision<Command, Event, State, Context>,
  envelope: CommandEnvelope,
  context: Context,
): Promise<DecisionResult> => {
  const { store, vault } = deps;
  const { streamId } = decision;
  const correlationId = envelope.correlationId ?? envelope.commandId ?? deps.newId();
  const maxAttempts = deps.maxAttempts ?? 4;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const loaded = await loadAggregate(store, decision.decider, streamId);
    if (envelope.commandId) {
      const earlier = earlierWrite(loaded.recorded, envelope.actor.userId, envelope.commandId, streamId);
      if (earlier.length > 0)
        return { streamId, position: earlier.at(-1)!.position, events: earlier, alreadyApplied: true };
    }
    const command = await decision.build(loaded.state, context);
    const decided = decision.decider.decide(command, loaded.state);
    const events = decision.complete ? await decision.complete(decided, loaded.recorded, correlationId) : decided;
    if (events.length === 0) return { streamId, position: null, events: [], alreadyApplied: false };
    await decision.beforeAppend?.(events, loaded.state);
    const metadata: EventMetadata = {
      actor: { userId: envelope.actor.userId, role: envelope.actor.role },
      ...(decision.partnershipOf(loaded.state, events)
        ? { partnershipId: decision.partnershipOf(loaded.state, events) }
        : {}),
      correlationId,
      causationId: envelope.causationId ?? correlationId,
      ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
      occurredAt: context.now,
      ...(envelope.commandId ? { commandId: envelope.commandId } : {}),
    };
    const toAppend: EventToAppend[] = [];
    for (const [index, event] of events.entries()) {
      const personal = event.personal === undefined ? undefined : await vault.seal(decision.subjectId, event.personal);
      const encoded = encodeEvent({ type: event.type, schemaVersion: event.schemaVersion, data: event.data, personal });
      toAppend.push({
        eventId: envelope.commandId
          ? derivedEventId(envelope.actor.userId, envelope.commandId, streamId, index)
          : newEventId(),
        type: encoded.type,
        data: encoded.data,
        metadata,
      });
    }
    try {
      const result = await tracedAppend(store, streamId, toAppend, loaded.revision);
      // The store returns the last event's position; earlier events of one append share its transaction.
      return {
        streamId,
        position: result.position,
        events: toAppend.map((e) => ({ eventId: e.eventId, type: e.type, position: result.position })),
        alreadyApplied: false,
      };
    } catch (error) {
      if (
        !(error instanceof WrongExpectedRevisionError) &&
        (error as { code?: string }).code !== 'wrong_expected_revision'
      )
        throw error;
    }
  }
  throw new DomainError(
    'concurrency',
    `${streamId} kept changing while the command was decided (${maxAttempts} attempts): try again`,
  );
};
