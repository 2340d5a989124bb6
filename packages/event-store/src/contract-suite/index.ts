import { afterAll, beforeAll, describe } from 'vitest';
import type { EventStore, EventToAppend } from '../event-store';
import { appendContract } from './append-contract';
import { readContract } from './read-contract';
import { subscribeContract } from './subscribe-contract';
import { concurrencyContract } from './concurrency-contract';

/** What the suite needs from a backend. `setup` runs once per suite; tests use fresh stream ids. */
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

/** Registers the EventStore contract (design.md "Event store semantics") as vitest blocks. */
export const runEventStoreContract = (name: string, setup: () => Promise<ContractSetup>): void => {
  describe(`EventStore contract: ${name}`, () => {
    let current: ContractSetup | undefined;
    beforeAll(async () => {
      current = await setup();
    });
    afterAll(async () => {
      await current?.teardown();
    });
    const context: ContractContext = () => {
      if (!current) throw new Error('Contract setup did not run');
      return current;
    };
    appendContract(context);
    readContract(context);
    subscribeContract(context);
    concurrencyContract(context);
  });
};

export { anEvent, events, newStreamId, eventually, ids } from './fixtures';
