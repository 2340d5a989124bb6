import { describe, expect, it } from 'vitest';
import { deciderSpec, sameJson } from './decider-spec';
import { validationError } from './domain-error';
import type { Decider } from './event';

type Counted = { type: 'Counted'; by: number };
type Count = { by: number };
/** A tiny decider: counts up by a positive number, refusing more than 10 in total. */
const counter: Decider<Count, Counted, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.by,
  decide: (command, total) => {
    if (command.by <= 0) throw validationError('by', 'by must be positive');
    if (total + command.by > 10) throw validationError('by', 'the total may not exceed 10: secret-value');
    return [{ type: 'Counted', by: command.by }];
  },
};
const spec = deciderSpec(counter);

describe('deciderSpec', () => {
  it('passes when the decided events equal the expected ones, ignoring key order and undefined keys', () => {
    expect(
      spec
        .given([])
        .when({ by: 2 })
        .then([{ by: 2, type: 'Counted' }]),
    ).toEqual([{ type: 'Counted', by: 2 }]);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('folds the given events before deciding', () => {
    expect(
      spec
        .given([
          { type: 'Counted', by: 4 },
          { type: 'Counted', by: 5 },
        ])
        .state(),
    ).toBe(9);
    spec
      .given([{ type: 'Counted', by: 9 }])
      .when({ by: 2 })
      .thenThrows({ code: 'validation', field: 'by' });
  });

  it('fails when the events differ', () => {
    expect(() =>
      spec
        .given([])
        .when({ by: 2 })
        .then([{ type: 'Counted', by: 3 }]),
    ).toThrow(/Decided events differ/);
  });

  it('fails when an error was expected but events came, or the error differs', () => {
    expect(() => spec.given([]).when({ by: 2 }).thenThrows({ code: 'validation' })).toThrow(/but the decider returned/);
    expect(() => spec.given([]).when({ by: 0 }).thenThrows({ code: 'forbidden' })).toThrow(
      /code 'validation' instead of 'forbidden'/,
    );
    expect(() => spec.given([]).when({ by: 0 }).thenThrows({ code: 'validation', field: 'total' })).toThrow(
      /field 'by' instead of 'total'/,
    );
    expect(() =>
      spec.given([]).when({ by: 0 }).thenThrows({ code: 'validation', messageIncludes: 'negative' }),
    ).toThrow(/message lacks/);
  });

  it('fails when the message carries a value it must not', () => {
    expect(() =>
      spec
        .given([])
        .when({ by: 11 })
        .thenThrows({ code: 'validation', messageExcludes: ['secret-value'] }),
    ).toThrow(/forbidden value/);
  });

  it('fails when the decider throws something other than a DomainError', () => {
    const broken = deciderSpec<Count, Counted, number>({
      ...counter,
      decide: () => {
        throw new TypeError('boom');
      },
    });
    expect(() => broken.given([]).when({ by: 1 }).thenThrows({ code: 'validation' })).toThrow(/Expected a DomainError/);
  });
});
