/**
 * Builds the gateway (built here, started by main.ts or mounted by services/platform: docs/architecture.md).
 * The server is composed of plugins: auth (principal per request), readiness, and the hardening set.
 */
import { randomUUID } from 'node:crypto';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createGraphQLError, createYoga, maskError } from 'graphql-yoga';
import type { Plugin, YogaServerInstance } from 'graphql-yoga';
import type { Sql } from 'postgres';
import { createCommandHandler } from '@cspr/application';
import type { CommandHandler, PartnershipReference } from '@cspr/application';
import { createEnglandAndWalesCalendar } from '@cspr/domain';
import type { WorkingDayCalendar } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import type { PersonalDataVault, ReadAudit } from '@cspr/personal-data';
import type { Logger } from '@cspr/telemetry';
import { useAuth } from './auth/use-auth';
import type { AuthContext } from './auth/use-auth';
import type { TokenVerifier } from './auth/verify-token';
import type { GatewayContext, GatewayServices } from './gateway-context';
import { hardeningPlugins } from './hardening/index';
import type { HardeningOptions } from './hardening/index';
import type { ReadinessReport } from '@cspr/runtime';
import { gatewayReadiness, type HealthReport } from './readiness/gateway-readiness';
import { LIVENESS_ENDPOINT, useReadiness } from './readiness/use-readiness';
import { useOperationTelemetry } from './telemetry/use-operation-telemetry';
import { useConsistencyReport } from './consistency';
import { useOpenDataFiles } from './open-data-routes';
import { useDocuments } from './documents/use-documents';
import type { DocumentStore } from '@cspr/documents';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '@cspr/documents';
import { buildSchema } from './schema/index';

export type GatewayOptions = {
  sql: Sql;
  store: EventStore;
  vault: PersonalDataVault;
  audit: ReadAudit;
  auth: TokenVerifier;
  logger: Logger;
  /** Production turns off GraphiQL and introspection and turns on the hardening limits. */
  production: boolean;
  /** `/ready`: whether the gateway can append and read. Default gatewayReadiness (database, log, read-model tables). */
  readiness?: () => Promise<ReadinessReport>;
  /** `/health` (always 200): lag, rebuilds, relay and Kafka as warnings. Default: no checks. */
  health?: () => Promise<HealthReport>;
  /** Default: a handler built from store and vault with the options below. */
  commands?: CommandHandler;
  /** Default `() => new Date()`. */
  clock?: () => Date;
  /** Default randomUUID. */
  newId?: () => string;
  /** Default England and Wales. */
  calendar?: WorkingDayCalendar;
  /** Partnerships known before any was registered through the log. Default: none. */
  partnerships?: readonly PartnershipReference[];
  /** Admin user ids for four-eyes erasure. Default: none (erasure refused). */
  adminUserIds?: () => Promise<string[]> | string[];
  /** How long `consistentAfter` waits, in ms. Default 5000. */
  consistencyTimeoutMs?: number;
  /** Limits against hostile clients (depth, cost, rate, body size, allow-list in production). Default HARDENING_DEFAULTS. */
  hardening?: Omit<HardeningOptions, 'production'>;
  /** Compile queries with graphql-jit. Default false. */
  jit?: boolean;
  /** GraphQL path. Default `/graphql`. */
  graphqlEndpoint?: string;
  /** Origins whose browser scripts may call the gateway (CORS_ORIGINS). Default none: no CORS headers at all. */
  corsOrigins?: readonly string[];
  /** Report files, uploaded and served at /documents. Default: none (the paths answer 404). */
  documents?: { store: DocumentStore; maxBytes?: number };
};

export type Gateway = {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  commands: CommandHandler;
  services: GatewayServices;
};

/** A bounded cache of compiled queries (least recently inserted out first), so arbitrary documents cannot grow it. */
const createJitCache = (size: number) => {
  const entries = new Map<string, unknown>();
  return {
    get: (key: string) => entries.get(key) as never,
    set: (key: string, value: unknown) => {
      if (entries.size >= size) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
    },
  };
};

/** The caller's `x-request-id`, if it is a plain token (logs and the audit must not carry arbitrary text). */
const correlationOf = (request: Request): { correlationId?: string } => {
  const given = request.headers.get('x-request-id');
  return given && /^[\w.:-]{1,100}$/.test(given) ? { correlationId: given } : {};
};

/**
 * Answers to a signed-in caller may carry personal data: no browser, proxy or CDN keeps them (`no-store`), and
 * they say which request they were (the audit's `requestId`) for support to find.
 */
const usePrivateResponses = (requestIds: WeakMap<Request, string>): Plugin<Record<string, never>, GatewayContext> => {
  return {
    onResponse: ({ request, response }) => {
      if (request.headers.get('authorization')) response.headers.set('cache-control', 'no-store');
      const requestId = requestIds.get(request);
      if (requestId) response.headers.set('x-request-id', requestId);
    },
  };
};

export const createGateway = (options: GatewayOptions): Gateway => {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const commands =
    options.commands ??
    createCommandHandler({
      store: options.store,
      vault: options.vault,
      // The handler's own opens of personal data (merging an amendment, notifying from a referral) are audited too.
      audit: options.audit,
      clock,
      newId,
      ...(options.partnerships ? { partnerships: options.partnerships } : {}),
      ...(options.adminUserIds ? { adminUserIds: options.adminUserIds } : {}),
    });
  const services: GatewayServices = {
    sql: options.sql,
    store: options.store,
    vault: options.vault,
    audit: options.audit,
    commands,
    calendar: options.calendar ?? createEnglandAndWalesCalendar(),
    clock,
    newId,
    logger: options.logger,
    consistencyTimeoutMs: options.consistencyTimeoutMs ?? 5000,
    ...(options.partnerships ? { partnerships: options.partnerships } : {}),
  };
  const log = options.logger;
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => {
    const id = newId();
    requestIds.set(request, id);
    return id;
  };
  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema: buildSchema(),
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    // `/health` carries the health report (use-readiness.ts); Yoga's empty liveness answer moves aside.
    healthCheckEndpoint: LIVENESS_ENDPOINT,
    // The hardening's useBodySizeLimit (1 MiB, declared or streamed) is the limit; Yoga's own (25 MB) would pipe
    // every request body through a second stream, declared length or not.
    maxRequestBodySize: false,
    graphiql: !options.production,
    landingPage: false,
    // Browser scripts of other origins only when configured (CORS_ORIGINS), never with cookies: the gateway's
    // credential is a bearer token, so a credentialed cross-site call has nothing to gain and much to leak.
    cors: options.corsOrigins?.length
      ? { origin: [...options.corsOrigins], credentials: false, methods: ['GET', 'POST'] }
      : false,
    // The principal is added by useAuth; services are the same for every request.
    context: (initial) =>
      ({
        ...initial,
        services,
        requestId: requestIdOf(initial.request),
        ...correlationOf(initial.request),
      }) as GatewayContext,
    logging: {
      debug: (...args: unknown[]) => log.debug({ args }, 'yoga'),
      info: (...args: unknown[]) => log.info({ args }, 'yoga'),
      warn: (...args: unknown[]) => log.warn({ args }, 'yoga'),
      error: (...args: unknown[]) => log.error({ args }, 'yoga'),
    },
    maskedErrors: {
      // Unknown errors are logged with their stack and reach the client as "Unexpected error." only.
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError;
        // PostgreSQL text cannot hold NUL (22021): a search or filter argument holding one is the caller's mistake.
        if ((original as { code?: unknown } | undefined)?.code === '22021')
          return createGraphQLError('A text argument holds a NUL character', {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        if (original && !(original as { extensions?: unknown }).extensions)
          log.error({ err: original }, 'unexpected error in a resolver');
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      // First, so files are streamed before the GraphQL body limit and parsers see them.
      ...(options.documents
        ? [
            useDocuments({
              store: options.documents.store,
              sql: options.sql,
              maxBytes: options.documents.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
              principalOf: (request) => options.auth.verify(request.headers.get('authorization')),
              logger: options.logger,
            }) as never,
          ]
        : []),
      useOperationTelemetry() as never,
      usePrivateResponses(requestIds) as never,
      useAuth(options.auth) as never,
      useOpenDataFiles({ sql: options.sql }) as never,
      useReadiness({
        ready: options.readiness ?? gatewayReadiness({ sql: options.sql, store: options.store }),
        ...(options.health ? { health: options.health } : {}),
      }),
      useConsistencyReport() as never,
      // Compiled execution (opt-in): list pages resolve hundreds of fields per request. Off by default until the
      // benchmark shows a gain beyond its noise on this machine; every spec passes with it on.
      ...(options.jit ? [useGraphQlJit({}, { cache: createJitCache(1000) }) as never] : []),
      // Rate limits are counted in the database, so every instance shares one budget per caller.
      ...hardeningPlugins({ rateLimitStore: options.sql, ...options.hardening, production: options.production }),
    ],
  });
  return { yoga, commands, services };
};

export type { AuthContext };
