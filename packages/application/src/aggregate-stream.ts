/**
 * Loading an aggregate: read its stream, decode each event (the personal part stays sealed: no decision needs it)
 * and fold it with the decider's `evolve`. A stream that does not exist yet is the initial state at 'no_stream'.
 */
import { decodeEvent } from '@cspr/domain';
import type { Decider } from '@cspr/domain';
import { StreamNotFoundError } from '@cspr/event-store';
import type { EventStore, ExpectedRevision, RecordedEvent } from '@cspr/event-store';

export type LoadedAggregate<State> = {
  state: State;
  /** What to expect when appending: the last revision read, or 'no_stream'. */
  revision: ExpectedRevision;
  recorded: RecordedEvent[];
};

export const readStreamOrEmpty = async (store: EventStore, streamId: string): Promise<RecordedEvent[]> => {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError || (error as { code?: string }).code === 'stream_not_found') return [];
    throw error;
  }
};

export const loadAggregate = async <Command, Event, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<LoadedAggregate<State>> => {
  const recorded = await readStreamOrEmpty(store, streamId);
  let state = decider.initialState();
  for (const event of recorded) state = decider.evolve(state, decodeEvent(event) as Event);
  const last = recorded.at(-1);
  return { state, revision: last ? last.streamRevision : 'no_stream', recorded };
};
