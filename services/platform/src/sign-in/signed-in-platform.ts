/**
 * `npm start` as the sign-in browser tests see it: the whole platform with the embedded identity provider on a
 * free port (the issuer and callback name the port, so it is chosen before start) against a fresh database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@cspr/testing';
import { startPlatform, type StartedPlatform } from '../platform';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export type SignedInPlatform = {
  baseUrl: string;
  platform: StartedPlatform;
  startedInMs: number;
  close: () => Promise<void>;
};

export const startSignedInPlatform = async (env: Record<string, string> = {}): Promise<SignedInPlatform> => {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'cspr-platform-'));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const started = Date.now();
  const platform = await startPlatform({
    env: {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  return {
    baseUrl,
    platform,
    startedInMs: Date.now() - started,
    close: async () => {
      await platform.runtime.shutdown('test finished');
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
