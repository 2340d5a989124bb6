import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';
import { formatPosition, parsePosition } from '../event-store';
import type { LogPosition } from '../event-store';

/** How far a copy got: the source position of the last event copied, and how many events that was. */
export type CopyCheckpoint = { position: LogPosition; copied: number };

/** Where a copy keeps its checkpoint. An extension point: a table in the target, a file, or a test double. */
export type CheckpointStore = {
  load: () => Promise<CopyCheckpoint | undefined>;
  save: (checkpoint: CopyCheckpoint) => Promise<void>;
  /** Shown in the command's output. */
  describe: string;
};

const CHECKPOINT_SCHEMA = 'cspr_migration';

/**
 * A PostgreSQL target keeps the checkpoint in its own database, table `cspr_migration.log_copy`, one row per
 * source (keyed by a fingerprint of the source without its password), so the progress lives with the copy.
 */
export const postgresCheckpointStore = async (sql: Sql, sourceKey: string): Promise<CheckpointStore> => {
  await runMigrations(sql, {
    schema: CHECKPOINT_SCHEMA,
    migrations: [
      {
        id: '0001-log-copy',
        sql: `create table ${CHECKPOINT_SCHEMA}.log_copy (
          source text primary key,
          position text not null,
          copied bigint not null,
          updated_at timestamptz not null default now()
        )`,
      },
    ],
  });
  return {
    describe: `table ${CHECKPOINT_SCHEMA}.log_copy in the target (source ${sourceKey})`,
    load: async () => {
      const [row] = await sql<{ position: string; copied: string }[]>`
        select position, copied::text as copied from cspr_migration.log_copy where source = ${sourceKey}`;
      return row ? { position: parsePosition(row.position), copied: Number(row.copied) } : undefined;
    },
    save: async (checkpoint) => {
      await sql`
        insert into cspr_migration.log_copy (source, position, copied) values (${sourceKey}, ${formatPosition(checkpoint.position)}, ${checkpoint.copied})
        on conflict (source) do update set position = excluded.position, copied = excluded.copied, updated_at = now()`;
    },
  };
};

/** A local JSON file, written atomically (temp file + rename), for targets without a table of ours. */
export const fileCheckpointStore = (path: string): CheckpointStore => ({
  describe: `file ${path}`,
  load: async () => {
    try {
      const saved = JSON.parse(await readFile(path, 'utf8')) as { position: string; copied: number };
      return { position: parsePosition(saved.position), copied: saved.copied };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  save: async (checkpoint) => {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(
      temporary,
      `${JSON.stringify({ position: formatPosition(checkpoint.position), copied: checkpoint.copied })}\n`,
    );
    await rename(temporary, path);
  },
});
