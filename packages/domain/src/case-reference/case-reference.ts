/**
 * Case references: the short, readable name people use for an incident or a review (`INC-2026-00123`,
 * `REV-2026-00045`). The UUID stays the internal id; the reference is what pages, CSVs, emails and the Ofsted feed
 * show. Numbers are handed out by one counter stream per kind and year (`case-reference-INC-2026`), appended with
 * the expected revision through the one write path: two writers racing for the same number conflict and the loser
 * decides again on the new state, so numbers run 1, 2, 3… without a gap or a repeat.
 */
import type { DomainEvent } from '../shared/event';
import { validationError } from '../shared/domain-error';

export const CASE_REFERENCE_KINDS = ['INC', 'REV'] as const;
export type CaseReferenceKind = (typeof CASE_REFERENCE_KINDS)[number];

/** A number recorded against the incident or review it names. */
export type CaseReferenceAllocated = DomainEvent<
  'CaseReferenceAllocated',
  {
    kind: CaseReferenceKind;
    year: number;
    number: number;
    reference: string;
    /** The incident or review id the reference names. */
    subjectId: string;
  }
>;

export type CaseReferenceEvent = CaseReferenceAllocated;

export type AllocateCaseReference = {
  type: 'AllocateCaseReference';
  data: { kind: CaseReferenceKind; year: number; subjectId: string };
};

export type CaseReferenceState = { last: number; bySubject: Record<string, string> };

export const caseReferenceStreamId = (kind: CaseReferenceKind, year: number): string =>
  `case-reference-${kind}-${year}`;
export const CASE_REFERENCE_STREAM_PREFIX = 'case-reference-';

/** Five digits (the national volume is about 400 a year); a larger number simply grows wider and stays unique. */
export const formatCaseReference = (kind: CaseReferenceKind, year: number, number: number): string =>
  `${kind}-${year}-${String(number).padStart(5, '0')}`;

export const CASE_REFERENCE_PATTERN = /^(INC|REV)-(\d{4})-(\d{5,})$/;

/** A reference as people type it (any case, spaces around) in its stored form, or undefined when it is not one. */
export const normaliseCaseReference = (text: string): string | undefined => {
  const trimmed = text.trim().toUpperCase();
  return CASE_REFERENCE_PATTERN.test(trimmed) ? trimmed : undefined;
};

export const initialCaseReferenceState = (): CaseReferenceState => ({ last: 0, bySubject: {} });

export const evolveCaseReference = (state: CaseReferenceState, event: CaseReferenceEvent): CaseReferenceState => ({
  last: Math.max(state.last, event.data.number),
  bySubject: { ...state.bySubject, [event.data.subjectId]: event.data.reference },
});

/** The next number, or nothing when the subject already holds one (a retried command keeps its first reference). */
export const decideCaseReference = (
  command: AllocateCaseReference,
  state: CaseReferenceState,
): CaseReferenceEvent[] => {
  const { kind, year, subjectId } = command.data;
  if (!CASE_REFERENCE_KINDS.includes(kind))
    throw validationError('kind', `kind must be one of ${CASE_REFERENCE_KINDS.join(', ')}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw validationError('year', 'year must be a four-digit year');
  if (subjectId.length === 0) throw validationError('subjectId', 'subjectId is required');
  if (state.bySubject[subjectId] !== undefined) return [];
  const number = state.last + 1;
  return [
    {
      type: 'CaseReferenceAllocated',
      schemaVersion: 1,
      data: { kind, year, number, reference: formatCaseReference(kind, year, number), subjectId },
    },
  ];
};

export const caseReferenceDecider = {
  initialState: initialCaseReferenceState,
  evolve: evolveCaseReference,
  decide: decideCaseReference,
};
