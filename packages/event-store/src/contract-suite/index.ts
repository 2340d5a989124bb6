import { afterAll, beforeAll, describe } from 'vitest';
import type { ContractContext, ContractSetup } from './contract-context';
import { appendContract } from './append-contract';
import { readContract } from './read-contract';
import { subscribeContract } from './subscribe-contract';
import { concurrencyContract } from './concurrency-contract';

export type { ContractContext, ContractSetup } from './contract-context';

/** Registers the EventStore contract (docs/architecture.md "Event store semantics") as vitest blocks. */
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
