/**
 * Allocating case references (`INC-2026-00123`) through the one write path: the counter stream of the kind and
 * year is loaded, the pure decider picks the next number, and the append expects the revision read; a writer that
 * lost the race decides again on the new state. Incidents and reviews call this after their own decision held and
 * before their first event is appended, so a refused command takes no number, and a retried one finds the number
 * its subject already holds.
 *
 * The one window left: a crash after the counter's append and before the subject's leaves a number recorded
 * against an id that was never written. A retry of the same command reuses it; without a retry the number is
 * unused but still accounted for in the log (the counter says whom it was for), never handed out twice.
 */
import { caseReferenceDecider, caseReferenceStreamId } from '@cspr/domain';
import type {
  AllocateCaseReference,
  CaseReferenceEvent,
  CaseReferenceKind,
  CaseReferenceState,
  CommandContext,
} from '@cspr/domain';
import { loadAggregate } from './aggregate-stream';
import { executeDecision } from './execute-decision';
import type { CommandEnvelope, Decision, ExecutionDeps } from './execute-decision';

/** Hands out the reference of a subject (allocating it the first time). */
export type AllocateReference = (request: {
  kind: CaseReferenceKind;
  year: number;
  subjectId: string;
  partnershipId?: string;
}) => Promise<string>;

/**
 * Attempts on a concurrent allocation. Every writer in the country shares one counter a year, so contention is
 * real at bursts (a demo load, a backfill beside live writes); each attempt is one short read and append.
 */
const ALLOCATION_ATTEMPTS = 50;

export const referenceAllocator =
  (execution: ExecutionDeps, envelope: CommandEnvelope, context: CommandContext): AllocateReference =>
  async ({ kind, year, subjectId, partnershipId }) => {
    const streamId = caseReferenceStreamId(kind, year);
    const decision: Decision<AllocateCaseReference, CaseReferenceEvent, CaseReferenceState, CommandContext> = {
      decider: caseReferenceDecider,
      streamId,
      subjectId: streamId,
      partnershipOf: () => partnershipId,
      build: () => ({ type: 'AllocateCaseReference', data: { kind, year, subjectId } }),
    };
    // The counter append gets its own event ids (no command id): the subject's command id names the subject's events.
    const counterEnvelope: CommandEnvelope = {
      actor: envelope.actor,
      ...(envelope.correlationId ? { correlationId: envelope.correlationId } : {}),
      ...(envelope.causationId ? { causationId: envelope.causationId } : {}),
      ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
    };
    await executeDecision({ ...execution, maxAttempts: ALLOCATION_ATTEMPTS }, decision, counterEnvelope, context);
    const { state } = await loadAggregate(execution.store, caseReferenceDecider, streamId);
    const reference = state.bySubject[subjectId];
    if (reference === undefined) throw new Error(`No case reference recorded for ${subjectId} in ${streamId}`);
    return reference;
  };

/** The calendar year of a date in England (`2026-04-01` → 2026): the year a reference is numbered in. */
export const yearOf = (calendarDate: string): number => Number(calendarDate.slice(0, 4));
