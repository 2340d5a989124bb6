import { describe, expect, it } from 'vitest';
import { caseReferenceDecider, formatCaseReference, normaliseCaseReference } from './case-reference';
import type { AllocateCaseReference, CaseReferenceState } from './case-reference';

const allocate = (subjectId: string): AllocateCaseReference => ({
  type: 'AllocateCaseReference',
  data: { kind: 'INC', year: 2026, subjectId },
});
const fold = (commands: AllocateCaseReference[]): CaseReferenceState =>
  commands.reduce(
    (state, command) => caseReferenceDecider.decide(command, state).reduce(caseReferenceDecider.evolve, state),
    caseReferenceDecider.initialState(),
  );

describe('case references', () => {
  it('given no number yet, allocates 1 as INC-2026-00001', () => {
    const events = caseReferenceDecider.decide(allocate('a'), caseReferenceDecider.initialState());
    expect(events).toEqual([
      {
        type: 'CaseReferenceAllocated',
        schemaVersion: 1,
        data: { kind: 'INC', year: 2026, number: 1, reference: 'INC-2026-00001', subjectId: 'a' },
      },
    ]);
  });

  it('given numbers 1 and 2, allocates 3; a subject that holds one gets nothing new', () => {
    const state = fold([allocate('a'), allocate('b')]);
    expect(caseReferenceDecider.decide(allocate('c'), state)[0]?.data.number).toBe(3);
    expect(caseReferenceDecider.decide(allocate('a'), state)).toEqual([]);
  });

  it('refuses an impossible year as a validation error naming the field', () => {
    expect(() =>
      caseReferenceDecider.decide(
        { type: 'AllocateCaseReference', data: { kind: 'REV', year: 26, subjectId: 'a' } },
        caseReferenceDecider.initialState(),
      ),
    ).toThrow(expect.objectContaining({ code: 'validation', field: 'year' }));
  });

  it('formats five digits and reads a typed reference in any case', () => {
    expect(formatCaseReference('REV', 2027, 45)).toBe('REV-2027-00045');
    expect(normaliseCaseReference(' inc-2026-00123 ')).toBe('INC-2026-00123');
    expect(normaliseCaseReference('INC-26-1')).toBeUndefined();
  });
});
