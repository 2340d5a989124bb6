/**
 * The shape of every domain event.
 *
 * `personal` is the one clearly marked part that holds children's personal data (names, dates of birth,
 * addresses, health details, free text). Everything outside it is minimised data that may be shown to
 * Ofsted and appear in statistics. The personal-data package encrypts exactly this part before append with
 * the incident's data key, and erasure destroys that key, so events never have to be reshaped.
 */
export type DomainEvent<Type extends string, Data, Personal = never> = {
  type: Type;
  schemaVersion: number;
  data: Data;
} & ([Personal] extends [never] ? { personal?: undefined } : { personal: Personal });

/**
 * A pure decider: the whole behaviour of one aggregate (docs/architecture.md, rule 3).
 * `decide` and `evolve` do no I/O, read no clock and make no ids.
 */
export type Decider<Command, Event, State> = {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
};

export const assertNever = (value: never, what: string): never => {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
};
