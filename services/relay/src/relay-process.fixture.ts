/**
 * Test support: the relay as a real process (`main.ts` under tsx), so failure tests can SIGKILL it mid-batch.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { RelayStatus } from './relay-status';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });

export type RelayProcess = {
  child: ChildProcess;
  /** The relay's /ready answer, or undefined while it does not answer. */
  status: () => Promise<RelayStatus | undefined>;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => Promise<void>;
  output: () => string;
};

export const startRelayProcess = async (env: Record<string, string>): Promise<RelayProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, OTEL_SDK_DISABLED: 'true', LOG_LEVEL: 'warn', RELAY_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const status = async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      const body = (await response.json()) as { relay?: RelayStatus };
      return body.relay;
    } catch {
      return undefined;
    }
  };
  return {
    child,
    status,
    exited,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
};
