/** What the contract suite needs from a backend; the parts import it from here, not from index.ts (no import loop). */
import type { EventStore, EventToAppend } from '../event-store';

/** `setup` runs once per suite; tests use fresh stream ids. */
export type ContractSetup = {
  store: EventStore;
  teardown: () => Promise<void>;
  /**
   * Starts an append that takes its place in the log (its sequence number) now but commits only when `commit()`
   * is called, so that a faster append can commit in between. Backends where that cannot happen (one connection,
   * or positions assigned at commit) leave it out and the late-commit test is skipped; their own test file says why.
   */
  slowConcurrentWriter?: (streamId: string, events: EventToAppend[]) => Promise<{ commit: () => Promise<void> }>;
};

export type ContractContext = () => ContractSetup;
