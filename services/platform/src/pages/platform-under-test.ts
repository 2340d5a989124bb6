/**
 * The whole platform as `npm start` runs it (gateway, projector, web pages, embedded identity provider) on a fresh
 * PostgreSQL database with the demo story, on a free port, for the page tests; and dev tokens to seed through the API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevSigningKey, mintDevToken } from '@cspr/gateway';
import type { DevTokenRequest } from '@cspr/gateway';
import { createTestDatabase } from '@cspr/testing';
import { startPlatform } from '../platform';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export type PlatformUnderTest = {
  base: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers by path, as the gateway's fixture does
  gql: (who: DevTokenRequest, query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;
  close: () => Promise<void>;
};

export const startPlatformUnderTest = async (): Promise<PlatformUnderTest> => {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-pages-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const platform = await startPlatform({
    demo: true,
    env: {
      DATABASE_URL: db.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: base,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'development',
    },
  });
  const key = await loadOrCreateDevSigningKey(dataDir);
  // Page access and the four-eyes admins are read from the access-grants read model: wait until the projector has
  // the start-up grants, else a busy machine answers "You do not have access yet" or "Only a configured admin".
  for (const deadline = Date.now() + 60_000; ;) {
    const [{ waiting }] = await db.sql<[{ waiting: boolean }]>`
      select (select count(*) from event_store.events where type = 'AccessGranted')
        > (select count(*) from read_models.access_grants) as waiting`;
    if (!waiting) break;
    if (Date.now() > deadline) throw new Error('the projector did not project the start-up access grants');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    gql: async (who, query, variables) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintDevToken(key, who)}` },
        body: JSON.stringify({ query, variables }),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the type above
      return (await response.json()) as Record<string, any>;
    },
    close: async () => {
      await platform.runtime.shutdown('test over');
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
