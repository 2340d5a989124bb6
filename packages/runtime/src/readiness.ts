/**
 * What `/ready` answers, the same for every service: the database answers, its migrations are all applied, the
 * projector and the relay are not too far behind, and Kafka answers when configured. The body names every check and
 * the reason of each failure, so an operator sees why at 2 a.m. without reading code:
 *   { "status": "not-ready", "reasons": ["projector 412 s behind (limit 30 s)"], "checks": { ... } }
 *
 * Thresholds: READY_MAX_PROJECTOR_LAG_SECONDS (default 30), READY_MAX_RELAY_LAG_SECONDS (default 60).
 */
import type { Sql } from 'postgres';
import { Kafka, logLevel } from 'kafkajs';
import type { EventStore, LogPosition } from '@cspr/event-store';
import { DEFAULT_SCHEMA, eventStoreMigrations } from '@cspr/event-store/postgres';
import { getProjectorStatus, READ_MODELS_SCHEMA, readModelMigrations } from '@cspr/read-models';

export type CheckResult = { ok: boolean; reason?: string; [detail: string]: unknown };
export type ReadinessReport = { status: 'ready' | 'not-ready'; reasons: string[]; checks: Record<string, CheckResult> };

export type ReadinessOptions = {
  sql: Sql;
  store: EventStore;
  /** Check the read models' migrations and the projector's lag. Default true. */
  projector?: boolean;
  /** Check the relay's lag (its checkpoint `name`, default `ofsted-feed`). Default: off. */
  relay?: { name?: string };
  /** Check the broker answers. Default: off. */
  kafkaBrokers?: string[];
  env?: Record<string, string | undefined>;
  /** Each check's time limit. Default 2000 ms. */
  timeoutMs?: number;
};

const within = <T>(ms: number, what: string, work: Promise<T>): Promise<T> =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

const numberFrom = (env: Record<string, string | undefined>, name: string, fallback: number) => {
  const value = Number(env[name]);
  return env[name] && Number.isFinite(value) && value >= 0 ? value : fallback;
};

const missingMigrations = async (sql: Sql, schema: string, ids: string[]): Promise<string[]> => {
  const rows = await sql<{ id: string }[]>`select id from ${sql(schema)}.schema_migrations`.catch(() => []);
  const applied = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !applied.has(id));
};

const ageOfOldestAfter = async (store: EventStore, after: LogPosition) => {
  const [oldest] = await store.readAll({ after, maxCount: 1 });
  return oldest ? Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000) : 0;
};

export const createReadinessCheck = (options: ReadinessOptions): (() => Promise<ReadinessReport>) => {
  const { sql, store } = options;
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxProjectorLag = numberFrom(env, 'READY_MAX_PROJECTOR_LAG_SECONDS', 30);
  const maxRelayLag = numberFrom(env, 'READY_MAX_RELAY_LAG_SECONDS', 60);
  const kafka = options.kafkaBrokers?.length
    ? new Kafka({ clientId: 'cspr-readiness', brokers: options.kafkaBrokers, connectionTimeout: timeoutMs, logLevel: logLevel.NOTHING, retry: { retries: 0 } })
    : undefined;
  // The broker is asked at most every 5 s: probes come often and a connection costs more than a query.
  let kafkaCache: { at: number; result: CheckResult } | undefined;

  const checks: Record<string, () => Promise<CheckResult>> = {
    database: async () => {
      await sql`select 1`;
      return { ok: true };
    },
    migrations: async () => {
      const missing = [
        ...(await missingMigrations(sql, DEFAULT_SCHEMA, eventStoreMigrations(DEFAULT_SCHEMA).map((m) => m.id))),
        ...(options.projector === false ? [] : await missingMigrations(sql, READ_MODELS_SCHEMA, readModelMigrations.map((m) => m.id))),
      ];
      return missing.length === 0 ? { ok: true } : { ok: false, reason: `migrations not applied: ${missing.join(', ')}`, missing };
    },
  };
  if (options.projector !== false) {
    checks.projector = async () => {
      const status = await getProjectorStatus(sql, store);
      const detail = { position: status.position, lagEvents: status.lagEvents, lagSeconds: Math.round(status.lagSeconds), deadLetters: status.deadLetters, rebuilding: status.rebuilding, calendarMismatch: status.calendarMismatch ?? null,
        // Warnings keep the service serving (a dead letter or an old calendar does not make every page wrong) but
        // put what an operator must act on in the answer: run `npm run rebuild`, or read `npm run ops:status`.
        warnings: [
          ...(status.deadLetters > 0 ? [`${status.deadLetters} event(s) in read_models.dead_letters: see docs/operations.md`] : []),
          ...(status.calendarMismatch ? [`read models built with calendar ${status.calendarMismatch.stored}, running ${status.calendarMismatch.running}: run npm run rebuild`] : []),
        ] };
      if (status.rebuilding) return { ok: false, reason: 'projector rebuilding the read models', ...detail };
      if (status.lagSeconds > maxProjectorLag) return { ok: false, reason: `projector ${Math.round(status.lagSeconds)} s behind (limit ${maxProjectorLag} s)`, ...detail };
      return { ok: true, ...detail };
    };
  }
  if (options.relay) {
    const name = options.relay.name ?? 'ofsted-feed';
    checks.relay = async () => {
      const rows = await sql<{ commit: string; prepare: string }[]>`
        select commit_position::text as commit, prepare_position::text as prepare from relay.checkpoints where name = ${name}`.catch(() => []);
      const position = rows[0] ? { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) } : { commit: 0n, prepare: 0n };
      const lagSeconds = Math.round(await ageOfOldestAfter(store, position));
      const detail = { name, checkpoint: `${position.commit}.${position.prepare}`, lagSeconds };
      return lagSeconds > maxRelayLag ? { ok: false, reason: `relay ${lagSeconds} s behind (limit ${maxRelayLag} s)`, ...detail } : { ok: true, ...detail };
    };
  }
  if (kafka) {
    checks.kafka = async () => {
      if (kafkaCache && Date.now() - kafkaCache.at < 5_000) return kafkaCache.result;
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeCluster();
        kafkaCache = { at: Date.now(), result: { ok: true } };
      } catch (error) {
        kafkaCache = { at: Date.now(), result: { ok: false, reason: `Kafka unreachable: ${error instanceof Error ? error.name : 'error'}` } };
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      return kafkaCache.result;
    };
  }

  return async () => {
    const entries = await Promise.all(Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      try {
        return [name, await within(timeoutMs, name, check())];
      } catch (error) {
        return [name, { ok: false, reason: `${name}: ${error instanceof Error ? error.message : 'failed'}` }];
      }
    }));
    const reasons = entries.filter(([, r]) => !r.ok).map(([, r]) => r.reason ?? 'failed');
    return { status: reasons.length === 0 ? 'ready' : 'not-ready', reasons, checks: Object.fromEntries(entries) };
  };
};
