/**
 * The one wiring of the gateway from a started runtime, used by the gateway's own main.ts and by services/platform
 * (`npm start`): read-model tables, the personal-data vault (erasures re-applied), token verification, admins and
 * the production allow-list from the configuration, readiness and health, and the default partnerships.
 */
import { randomUUID } from 'node:crypto';
import { backfillCaseReferences, registerDefaultPartnerships } from '@cspr/application';
import type { WorkingDayCalendar } from '@cspr/domain';
import { createReadAudit, openVault, type PersonalDataVault } from '@cspr/personal-data';
import { getPartnership, listAccessGrants, migrateReadModels } from '@cspr/read-models';
import type { Sql } from 'postgres';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import type { Check, Runtime } from '@cspr/runtime';
import { createTokenVerifierFromConfig, type TokenVerifier } from './auth/verify-token';
import { createGrantsLookup, grantsPrincipal } from './auth/grants-principal';
import { loadAllowedOperations } from './hardening/index';
import { apiClientAllowList } from './hardening/api-client-operations';
import { gatewayHealth, gatewayReadiness, readModelsFreshness } from './readiness/gateway-readiness';
import { createGateway, type Gateway } from './yoga';

export type ComposeGatewayOptions = {
  /** Default England and Wales. */
  calendar?: WorkingDayCalendar;
  /** More checks for `/health`, e.g. the in-process relay and Kafka (services/platform). Default none. */
  healthChecks?: Record<string, Check>;
  /**
   * How tokens are verified and turned into principals. Default: AUTH_* (or the dev key) with the claims' role;
   * services/platform passes one routed by issuer whose principals come from the access grants in the log.
   */
  auth?: TokenVerifier;
  /** Admins for four-eyes erasure. Default: CSPR_ADMIN_USER_IDS. */
  adminUserIds?: () => Promise<string[]> | string[];
};

/** A partnership exists once registered in the log (the read model `partnerships`). */
export const partnershipExists =
  (sql: Sql) =>
  async (partnershipId: string): Promise<boolean> =>
    (await getPartnership(sql, partnershipId)) !== null;

export type ComposedGateway = { gateway: Gateway; vault: PersonalDataVault };

export const composeGateway = async (
  runtime: Pick<Runtime, 'config' | 'logger' | 'database' | 'store'>,
  options: ComposeGatewayOptions = {},
): Promise<ComposedGateway> => {
  const { config, logger, store } = runtime;
  const { sql } = runtime.database;
  // The projector owns the read models; migrating here too (idempotent, advisory-locked) lets the gateway start first.
  await migrateReadModels(sql);
  await migrateDocuments(sql);
  // Re-applies every erasure in the ledger before serving, so a restored backup cannot bring erased data back.
  const { vault, reapplied } = await openVault({
    sql,
    masterKey: config.masterKey,
    dataDir: config.dataDir,
    production: config.production,
    ledgerPath: config.erasureLedger,
  });
  if (reapplied.length) logger.warn({ subjects: reapplied.length }, 'erasures re-applied after a restore');
  const gateway = createGateway({
    sql,
    store,
    vault,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    audit: createReadAudit(sql),
    // The provider proves who; the platform's grants say what (read per request, cached 5 s). Configured admins act
    // as admins while they hold no grant, so a new deployment can grant the first roles.
    auth:
      options.auth ??
      (await createTokenVerifierFromConfig(config, {
        principalOf: grantsPrincipal(createGrantsLookup(sql), () => config.adminUserIds, config.claimMapping),
        partnershipExists: partnershipExists(sql),
      })),
    documents: {
      store: createDocumentStore(sql, { maxBytes: config.documents.maxBytes }),
      maxBytes: config.documents.maxBytes,
    },
    logger,
    production: config.production,
    corsOrigins: config.corsOrigins,
    newId: randomUUID,
    // Admins for four-eyes erasure: those configured, and everyone granted the admin role.
    adminUserIds:
      options.adminUserIds ??
      (async () => [
        ...config.adminUserIds,
        ...(await listAccessGrants(sql)).filter((g) => g.role === 'admin').map((g) => g.subject),
      ]),
    readiness: gatewayReadiness({ sql, store }),
    health: gatewayHealth({
      readModels: readModelsFreshness(sql, store, config.readiness.maxProjectorLagSeconds),
      ...options.healthChecks,
    }),
    hardening: {
      trustedProxies: config.trustedProxies,
      ...(config.allowedOperationsFile
        ? {
            // The pages' operations (the web build) and the API clients' maintained list.
            allowedOperations: {
              ...(await loadAllowedOperations(config.allowedOperationsFile)),
              ...apiClientAllowList(),
            },
          }
        : {}),
    },
  });
  const partnerships = await registerDefaultPartnerships(gateway.commands);
  logger.info({ registered: partnerships.registered, existing: partnerships.existing }, 'default partnerships');
  for (const refused of partnerships.refused)
    logger.warn(refused, 'default partnership refused by the decider: fix the reference data');
  // Records made before case references get theirs through the log (idempotent; nothing to do once done).
  const backfill = await backfillCaseReferences({ store, vault, newId: randomUUID, clock: () => new Date() });
  if (backfill.allocated > 0) logger.info(backfill, 'case references backfilled');
  return { gateway, vault };
};
