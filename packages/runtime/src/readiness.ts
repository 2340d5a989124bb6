/**
 * The shape of a readiness or health answer, and the checks every service shares (the database answers, a schema's
 * migrations are applied). Each service composes its own checks from these: the gateway (can append and read),
 * the projector (lag), the relay (publishing). This library imports no service's read side. The body names every
 * check and the reason of each failure, so an operator sees why at 2 a.m. without reading code:
 *   { "status": "not-ready", "reasons": ["projector 412 s behind (limit 30 s)"], "checks": { ... } }
 */
import type { Sql } from 'postgres';

export type CheckResult = { ok: boolean; reason?: string; [detail: string]: unknown };
export type ReadinessReport = { status: 'ready' | 'not-ready'; reasons: string[]; checks: Record<string, CheckResult> };
export type Check = () => Promise<CheckResult>;

const within = <T>(ms: number, what: string, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

/** Runs every check at once, each bounded by `timeoutMs` (default 2000); a check that throws fails with its message. */
export const runChecks =
  (checks: Record<string, Check>, timeoutMs = 2000) =>
  async (): Promise<ReadinessReport> => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
        try {
          return [name, await within(timeoutMs, name, check())];
        } catch (error) {
          return [name, { ok: false, reason: `${name}: ${error instanceof Error ? error.message : 'failed'}` }];
        }
      }),
    );
    const reasons = entries.filter(([, r]) => !r.ok).map(([, r]) => r.reason ?? 'failed');
    return { status: reasons.length === 0 ? 'ready' : 'not-ready', reasons, checks: Object.fromEntries(entries) };
  };

export const databaseCheck =
  (sql: Sql): Check =>
  async () => {
    await sql`select 1`;
    return { ok: true };
  };

/** Every migration id in `schemas` is applied (a schema without its migrations table counts as none applied). */
export const migrationsCheck =
  (sql: Sql, schemas: { schema: string; ids: string[] }[]): Check =>
  async () => {
    const missing: string[] = [];
    for (const { schema, ids } of schemas) {
      const rows = await sql<{ id: string }[]>`select id from ${sql(schema)}.schema_migrations`.catch(() => []);
      const applied = new Set(rows.map((r) => r.id));
      missing.push(...ids.filter((id) => !applied.has(id)));
    }
    return missing.length === 0
      ? { ok: true }
      : { ok: false, reason: `migrations not applied: ${missing.join(', ')}`, missing };
  };
