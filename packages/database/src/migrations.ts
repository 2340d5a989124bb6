import type { Sql } from 'postgres';

export type Migration = {
  /** Stable, sortable id, e.g. `0001-events`. Applied once per schema, in the order given. */
  id: string;
  /** One or more statements; run in a transaction together with the record that it was applied. */
  sql: string;
};

export type MigrationPlan = { schema: string; migrations: Migration[] };

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates `schema` and `<schema>.schema_migrations`, then applies each migration not yet recorded there, each in
 * its own transaction. Processes starting together queue on a transaction-scoped advisory lock per schema, so each
 * migration is applied exactly once and nobody reads a half-built schema. Returns the ids applied by this call.
 */
export const runMigrations = async (sql: Sql, plan: MigrationPlan): Promise<string[]> => {
  if (!identifier.test(plan.schema)) throw new Error(`Not a plain schema name: ${plan.schema}`);
  const lockKey = `cspr.migrations.${plan.schema}`;
  const table = `"${plan.schema}".schema_migrations`;
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${lockKey}))`;
    await tx.unsafe(`create schema if not exists "${plan.schema}"`);
    await tx.unsafe(
      `create table if not exists ${table} (id text primary key, applied_at timestamptz not null default now())`,
    );
  });
  for (const migration of plan.migrations) {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${lockKey}))`;
      const done = await tx.unsafe(`select 1 from ${table} where id = $1`, [migration.id]);
      if (done.length > 0) return;
      await tx.unsafe(migration.sql).simple();
      await tx.unsafe(`insert into ${table} (id) values ($1)`, [migration.id]);
      applied.push(migration.id);
    });
  }
  return applied;
};
