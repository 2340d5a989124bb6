/**
 * The gateway's own readiness and health. Ready means it can serve the statutory path: the database answers, the
 * event log can be read (so appended to), and the read models' tables exist. Projector lag, a rebuild, the relay
 * and Kafka do NOT make it unready: a load balancer would otherwise stop notifications, which need none of them.
 * They are reported in `/health` (always 200 while the process answers), in metrics, and in the projector's and
 * relay's own `/ready`.
 */
import type { Sql } from 'postgres';
import type { EventStore } from '@cspr/event-store';
import { getProjectorStatus, READ_MODELS_SCHEMA, readModelMigrations } from '@cspr/read-models';
import {
  databaseCheck,
  migrationsCheck,
  runChecks,
  type Check,
  type CheckResult,
  type ReadinessReport,
} from '@cspr/runtime';

export type HealthReport = { status: 'ok'; warnings: string[]; checks: Record<string, CheckResult> };

export const gatewayReadiness = (options: {
  sql: Sql;
  store: Pick<EventStore, 'readAll'>;
  timeoutMs?: number;
}): (() => Promise<ReadinessReport>) =>
  runChecks(
    {
      database: databaseCheck(options.sql),
      log: async () => {
        await options.store.readAll({ maxCount: 1 });
        return { ok: true };
      },
      migrations: migrationsCheck(options.sql, [
        { schema: READ_MODELS_SCHEMA, ids: readModelMigrations.map((m) => m.id) },
      ]),
    },
    options.timeoutMs,
  );

/** How fresh the read models are, for `/health`: lag, a rebuild, dead letters, a calendar mismatch. */
export const readModelsFreshness =
  (sql: Sql, store: Pick<EventStore, 'readAll'>, maxLagSeconds: number): Check =>
  async () => {
    const status = await getProjectorStatus(sql, store);
    const detail = {
      position: status.position,
      lagEvents: status.lagEvents,
      lagSeconds: Math.round(status.lagSeconds),
      rebuilding: status.rebuilding,
      deadLetters: status.deadLetters,
      calendarMismatch: status.calendarMismatch ?? null,
    };
    const reasons = [
      ...(status.rebuilding ? ['projector rebuilding the read models: lists may be incomplete'] : []),
      ...(status.lagSeconds > maxLagSeconds
        ? [`projector ${Math.round(status.lagSeconds)} s behind (limit ${maxLagSeconds} s)`]
        : []),
      ...(status.deadLetters > 0
        ? [`${status.deadLetters} event(s) in read_models.dead_letters: see docs/operations.md`]
        : []),
      ...(status.calendarMismatch
        ? [
            `read models built with calendar ${status.calendarMismatch.stored}, running ${status.calendarMismatch.running}: run npm run rebuild`,
          ]
        : []),
    ];
    return reasons.length === 0 ? { ok: true, ...detail } : { ok: false, reason: reasons.join('; '), ...detail };
  };

/** `/health`: the process answers (always 200); what is degraded is listed in `warnings`, with every check's detail. */
export const gatewayHealth = (checks: Record<string, Check>, timeoutMs?: number): (() => Promise<HealthReport>) => {
  const run = runChecks(checks, timeoutMs);
  return async () => {
    const report = await run();
    return { status: 'ok', warnings: report.reasons, checks: report.checks };
  };
};
