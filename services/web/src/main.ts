/**
 * Runs the web pages alone (production shape: `web` beside `gateway` in infra/deploy/compose.yaml) on PORT
 * (4100 in the deployment files), calling the gateway over HTTP at GATEWAY_URL. Sessions and the access grants they read are in
 * the PostgreSQL at DATABASE_URL. Refuses to start in production without the OIDC settings and SESSION_SECRET
 * (setUpSignIn checks them). `npm start` composes the pages into the one-process platform instead.
 */
import { createServer } from 'node:http';
import express from 'express';
import postgres from 'postgres';
import { loadConfig } from '@cspr/config';
import { serverConnection } from '@cspr/database';
import { createLogger } from '@cspr/telemetry';
import { createWebApp } from './server/create-web-app';
import { signInSettingsFromConfig } from './server/sign-in-settings';
import { grantsInForce, setUpSignIn } from './sign-in';

const config = loadConfig();
const { production, port } = config;
const logger = createLogger({ service: 'web', level: config.logLevel });
const gatewayUrl = config.gatewayUrl;
if (!gatewayUrl)
  throw new Error("GATEWAY_URL is required: the address of the gateway's /graphql, e.g. http://gateway:4000/graphql");
if (!config.databaseUrl) throw new Error('DATABASE_URL is required: sessions and access grants live in PostgreSQL');
const database = serverConnection(config.databaseUrl);
const sql = postgres(database.url, { max: 5, ...database.options, onnotice: () => undefined });

const signIn = await setUpSignIn({
  sql,
  baseUrl: config.signIn.publicUrl ?? `http://localhost:${port}`,
  dataDir: config.dataDir,
  production,
  settings: signInSettingsFromConfig(config),
  grantsFor: grantsInForce(sql, config.claimMapping),
  logger,
});

const pages = createWebApp({
  // Run apart, the pages reach the gateway over HTTP; the gateway authorizes each call by the person's token.
  gateway: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(15_000) }),
  gatewayUrl,
  signIn,
  logError: (error, context) => logger.error({ err: error, path: context.path }, 'web page failed'),
  feedbackEmail: config.feedbackEmail,
  trustedProxies: config.trustedProxies,
});
const app = express();
app.disable('x-powered-by');
app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.get('/ready', async (_req, res) => {
  try {
    await sql`select 1`;
    const gateway = await fetch(new URL('/health', gatewayUrl), { signal: AbortSignal.timeout(2_000) });
    res.status(gateway.ok ? 200 : 503).json({ status: gateway.ok ? 'ready' : 'gateway unavailable' });
  } catch {
    res.status(503).json({ status: 'not ready' });
  }
});
app.use(pages);
const server = createServer(app);
server.listen(port, config.host, () => logger.info({ port }, 'web pages listening'));
const stop = () => server.close(() => void sql.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
