/**
 * The projector's own readiness, owned here: the database answers, the read models' migrations are applied, and the
 * projector is not rebuilding nor further behind than READY_MAX_PROJECTOR_LAG_SECONDS. Dead letters and a calendar
 * mismatch are warnings: they keep it serving but put what an operator must act on in the answer.
 */
import type { Sql } from 'postgres';
import type { EventStore } from '@cspr/event-store';
import { getProjectorStatus, READ_MODELS_SCHEMA, readModelMigrations } from '@cspr/read-models';
import { databaseCheck, migrationsCheck, runChecks, type Check, type ReadinessReport } from '@cspr/runtime';

export const projectorLagCheck =
  (sql: Sql, store: Pick<EventStore, 'readAll'>, maxLagSeconds: number): Check =>
  async () => {
    const status = await getProjectorStatus(sql, store);
    const detail = {
      position: status.position,
      lagEvents: status.lagEvents,
      lagSeconds: Math.round(status.lagSeconds),
      deadLetters: status.deadLetters,
      rebuilding: status.rebuilding,
      calendarMismatch: status.calendarMismatch ?? null,
      // Run `npm run rebuild`, or read `npm run ops:status`.
      warnings: [
        ...(status.deadLetters > 0
          ? [`${status.deadLetters} event(s) in read_models.dead_letters: see docs/operations.md`]
          : []),
        ...(status.calendarMismatch
          ? [
              `read models built with calendar ${status.calendarMismatch.stored}, running ${status.calendarMismatch.running}: run npm run rebuild`,
            ]
          : []),
      ],
    };
    if (status.rebuilding) return { ok: false, reason: 'projector rebuilding the read models', ...detail };
    if (status.lagSeconds > maxLagSeconds)
      return {
        ok: false,
        reason: `projector ${Math.round(status.lagSeconds)} s behind (limit ${maxLagSeconds} s)`,
        ...detail,
      };
    return { ok: true, ...detail };
  };

export const projectorReadiness = (options: {
  sql: Sql;
  store: Pick<EventStore, 'readAll'>;
  maxLagSeconds: number;
  timeoutMs?: number;
}): (() => Promise<ReadinessReport>) =>
  runChecks(
    {
      database: databaseCheck(options.sql),
      migrations: migrationsCheck(options.sql, [
        { schema: READ_MODELS_SCHEMA, ids: readModelMigrations.map((m) => m.id) },
      ]),
      projector: projectorLagCheck(options.sql, options.store, options.maxLagSeconds),
    },
    options.timeoutMs,
  );
