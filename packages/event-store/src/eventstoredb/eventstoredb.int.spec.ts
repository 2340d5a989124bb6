import { describe } from 'vitest';
import { runEventStoreContract } from '@cspr/event-store/contract-suite';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The shared EventStore contract against a real EventStoreDB / KurrentDB server, when one is configured:
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx vitest run eventstoredb.int
 * Without it the suite is reported as skipped ("not run"), never as passed. No stand-in server is used: one
 * that passes would prove nothing about the real one. Each run writes fresh `contract-<uuid>` streams; point it at
 * a scratch database, since readAll/subscribe tests read the whole log from the current head.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describe.skipIf(!connectionString)('EventStoreDB contract (not run: EVENTSTORE_CONNECTION_STRING unset)', () => {
  runEventStoreContract('EventStoreDB', async () => {
    const store = createEventStoreDbEventStore({ connectionString: connectionString! });
    // Fail fast with a clear message if the server is configured but unreachable.
    await store.headPosition();
    // No slowConcurrentWriter: EventStoreDB assigns a write's log position when it commits, so an append cannot
    // take its place in the log before an earlier-committed one; that test is skipped by the suite itself.
    return { store, teardown: () => store.close() };
  });
});
