/**
 * Runs the web pages alone (production shape: `web` beside `gateway` in infra/deploy/compose.yaml) on PORT
 * (default 4100), calling the gateway over HTTP at GATEWAY_URL. Sessions and the access grants they read are in
 * the PostgreSQL at DATABASE_URL. Refuses to start in production without the OIDC settings and SESSION_SECRET
 * (setUpSignIn checks them). `npm start` composes the pages into the one-process platform instead.
 */
import { createServer } from 'node:http';
import express from 'express';
import postgres from 'postgres';
import { grantsForSubject } from '@cspr/read-models';
import { createLogger } from '@cspr/telemetry';
import { createWebApp } from './server/create-web-app';
import { signInSettingsFromEnv } from './server/sign-in-settings';
import { setUpSignIn } from './sign-in';

const env = process.env;
const production = env.NODE_ENV === 'production';
const logger = createLogger({ service: 'web', level: env.LOG_LEVEL ?? 'info' });
const port = Number(env.PORT ?? 4100);
if (!env.GATEWAY_URL) throw new Error('GATEWAY_URL is required: the address of the gateway\'s /graphql, e.g. http://gateway:4000/graphql');
if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required: sessions and access grants live in PostgreSQL');
const sql = postgres(env.DATABASE_URL, { max: Number(env.DATABASE_POOL_SIZE ?? 5), onnotice: () => undefined });

const signIn = await setUpSignIn({
  sql,
  baseUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
  dataDir: env.DATA_DIR ?? '.data',
  production,
  settings: signInSettingsFromEnv(env),
  grantsFor: async ({ subject }) => (await grantsForSubject(sql, subject)).map((g) => ({
    role: g.role, ...(g.partnershipId ? { partnershipId: g.partnershipId } : {}), ...(g.partnershipName ? { partnershipName: g.partnershipName } : {}),
  })),
  logger,
});

const pages = createWebApp({
  // Run apart, the pages reach the gateway over HTTP; the gateway authorizes each call by the person's token.
  gateway: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(15_000) }),
  gatewayUrl: env.GATEWAY_URL,
  signIn,
  logError: (error, context) => logger.error({ err: error, path: context.path }, 'web page failed'),
});
const app = express();
app.disable('x-powered-by');
app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.get('/ready', async (_req, res) => {
  try {
    await sql`select 1`;
    const gateway = await fetch(new URL('/health', env.GATEWAY_URL), { signal: AbortSignal.timeout(2_000) });
    res.status(gateway.ok ? 200 : 503).json({ status: gateway.ok ? 'ready' : 'gateway unavailable' });
  } catch {
    res.status(503).json({ status: 'not ready' });
  }
});
app.use(pages);
const server = createServer(app);
server.listen(port, () => logger.info({ port }, 'web pages listening'));
const stop = () => server.close(() => void sql.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
