/**
 * Case references for records made before references existed. Chosen over numbering them on projection: a number
 * made up by a read model is not in the log, so the Ofsted feed, emails and a rebuild on another instance could
 * disagree; allocated here through the same counter streams and write path, every reference is a fact in the log.
 *
 * Runs at start-up after the default partnerships (idempotent, like them): it walks the log in order, and gives each
 * notification or commissioned review that carries no reference the next number of its own year (the year it was
 * notified or commissioned), unless the counter already names it. Numbers stay unique and without gaps; records
 * of a year that already had new-style numbers are numbered after them.
 */
import {
  CASE_REFERENCE_KINDS,
  caseReferenceDecider,
  caseReferenceStreamId,
  decodeEvent,
  londonDate,
} from '@cspr/domain';
import type { CaseReferenceKind } from '@cspr/domain';
import type { EventStore, LogPosition } from '@cspr/event-store';
import type { PersonalDataVault } from '@cspr/personal-data';
import { loadAggregate } from './aggregate-stream';
import { referenceAllocator, yearOf } from './case-references';
import { contextFor } from './execute-decision';
import { REFERENCE_DATA_ACTOR } from './register-default-partnerships';

const FIRST_EVENTS: Record<string, { kind: CaseReferenceKind; idKey: string; dateKey: string }> = {
  IncidentNotified: { kind: 'INC', idKey: 'incidentId', dateKey: 'notifiedOn' },
  LocalReviewCommissioned: { kind: 'REV', idKey: 'reviewId', dateKey: 'commissionedOn' },
  NationalReviewCommissioned: { kind: 'REV', idKey: 'reviewId', dateKey: 'commissionedOn' },
  NonStatutoryReviewCommissioned: { kind: 'REV', idKey: 'reviewId', dateKey: 'commissionedOn' },
  ThematicReviewCommissioned: { kind: 'REV', idKey: 'reviewId', dateKey: 'commissionedOn' },
};

export type BackfillOptions = {
  store: EventStore;
  vault: PersonalDataVault;
  newId: () => string;
  clock: () => Date;
  batchSize?: number;
};

export const backfillCaseReferences = async (
  options: BackfillOptions,
): Promise<{ allocated: number; alreadyHeld: number }> => {
  const { store } = options;
  const missing: { kind: CaseReferenceKind; year: number; subjectId: string; partnershipId?: string }[] = [];
  let after: LogPosition | undefined;
  for (;;) {
    const batch = await store.readAll({ ...(after ? { after } : {}), maxCount: options.batchSize ?? 1000 });
    if (batch.length === 0) break;
    for (const recorded of batch) {
      const first = FIRST_EVENTS[recorded.type];
      if (!first) continue;
      const { data } = decodeEvent(recorded);
      if (typeof data.reference === 'string') continue;
      const subjectId = data[first.idKey];
      const date = data[first.dateKey];
      if (typeof subjectId !== 'string' || typeof date !== 'string') continue;
      const partnershipId = recorded.metadata.partnershipId;
      missing.push({
        kind: first.kind,
        year: yearOf(date),
        subjectId,
        ...(typeof partnershipId === 'string' ? { partnershipId } : {}),
      });
    }
    after = batch.at(-1)!.position;
  }
  // Each year's counter read once: a subject it already names (an earlier start) needs no write at all.
  const held = new Map<string, Set<string>>();
  const heldIn = async (kind: CaseReferenceKind, year: number) => {
    const key = `${kind}-${year}`;
    if (!held.has(key)) {
      const { state } = await loadAggregate(store, caseReferenceDecider, caseReferenceStreamId(kind, year));
      held.set(key, new Set(Object.keys(state.bySubject)));
    }
    return held.get(key)!;
  };
  const now = options.clock();
  const allocate = referenceAllocator(
    { store, vault: options.vault, newId: options.newId },
    { actor: REFERENCE_DATA_ACTOR, correlationId: `case-reference-backfill-${londonDate(now.toISOString())}` },
    contextFor(REFERENCE_DATA_ACTOR, now),
  );
  let allocated = 0;
  let alreadyHeld = 0;
  for (const subject of missing) {
    if (!CASE_REFERENCE_KINDS.includes(subject.kind)) continue;
    const names = await heldIn(subject.kind, subject.year);
    if (names.has(subject.subjectId)) {
      alreadyHeld += 1;
      continue;
    }
    await allocate(subject);
    names.add(subject.subjectId);
    allocated += 1;
  }
  return { allocated, alreadyHeld };
};
