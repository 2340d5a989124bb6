/**
 * Given events / when command / then events or error (docs/architecture.md, rule 6), for any Decider.
 *
 *   deciderSpec(incidentDecider).given([notified]).when(command).then([expected]);
 *   deciderSpec(incidentDecider).given([]).when(command).thenThrows({ code: 'validation', field: 'children.0.sex' });
 *
 * It depends on no test framework, so it can live in the domain's public surface and serve every package's tests:
 * a failed expectation throws an Error with both sides printed, which every runner reports as a failure.
 */
import type { Decider } from './event';
import { isDomainError, type DomainErrorCode } from './domain-error';

export type ExpectedError = {
  code: DomainErrorCode;
  /** The dotted field path the error must name (validation errors). */
  field?: string;
  /** A fragment the message must contain. */
  messageIncludes?: string;
  /** Values that must NOT appear in the message, e.g. the child's name: errors never carry personal data. */
  messageExcludes?: string[];
};

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
};

/** Structural equality ignoring key order and `undefined` properties, as events are compared once serialised. */
export const sameJson = (a: unknown, b: unknown): boolean =>
  JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

const show = (value: unknown) => JSON.stringify(sortKeys(value), null, 2);

export const deciderSpec = <Command, Event, State>(decider: Decider<Command, Event, State>) => ({
  given: (events: readonly Event[]) => {
    const state = () => events.reduce(decider.evolve, decider.initialState());
    return {
      /** The state the given events fold to, for assertions on evolve. */
      state,
      when: (command: Command) => {
        const run = () => decider.decide(command, state());
        return {
          /** The decided events, for assertions the helpers below do not cover. */
          events: run,
          then: (expected: readonly Event[]): Event[] => {
            const actual = run();
            if (!sameJson(actual, expected)) {
              throw new Error(`Decided events differ.\nExpected: ${show(expected)}\nActual: ${show(actual)}`);
            }
            return actual;
          },
          thenThrows: (expected: ExpectedError): void => {
            let decided: Event[];
            try {
              decided = run();
            } catch (error) {
              if (!isDomainError(error))
                throw new Error(`Expected a DomainError '${expected.code}', got: ${String(error)}`);
              const problems = [
                error.code !== expected.code && `code '${error.code}' instead of '${expected.code}'`,
                expected.field !== undefined &&
                  error.field !== expected.field &&
                  `field '${error.field}' instead of '${expected.field}'`,
                expected.messageIncludes !== undefined &&
                  !error.message.includes(expected.messageIncludes) &&
                  `message lacks '${expected.messageIncludes}'`,
                ...(expected.messageExcludes ?? [])
                  .filter((v) => error.message.includes(v))
                  .map(() => 'message carries a forbidden value'),
              ].filter(Boolean);
              if (problems.length > 0)
                throw new Error(`Wrong DomainError (${problems.join('; ')}). Message: ${error.message}`);
              return;
            }
            throw new Error(`Expected a DomainError '${expected.code}', but the decider returned ${show(decided)}`);
          },
        };
      },
    };
  },
});

/**
 * A value of the wrong shape, typed as whatever the command expects: what a hostile or broken client could send
 * past the type system, for specs of the decider's own checks (`thematic: malformed('yes')`).
 */
export const malformed = <T>(value: unknown): T => value as T;
