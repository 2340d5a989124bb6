import type { Sql } from 'postgres';
import type { KeyWrapper } from './key-wrapper';
import { rewriteDataKeys } from './rewrite-data-keys';

/**
 * Master key rotation: re-wraps every live data key wrapped by `from` with `to`. Data keys (and so every sealed
 * event) stay the same; only the small wrapped form changes. Each row is a compare-and-set on its old wrapped
 * value, so a concurrent destroyKey wins and a second run is harmless. Run with a vault that holds `to` as its
 * wrapper and `from` in `previousWrappers`; when it returns, `from` can be retired.
 */
export const rewrapAll = async (options: {
  sql: Sql;
  from: KeyWrapper;
  to: KeyWrapper;
  batchSize?: number;
}): Promise<number> => {
  const { sql, from, to } = options;
  const batchSize = options.batchSize ?? 100;
  let rewrapped = 0;
  let lastSubject = '';
  for (;;) {
    const rows = await sql<{ subject_id: string; wrapped_key: string }[]>`
      select subject_id, wrapped_key from personal_data.data_keys
      where key_id = ${from.keyId} and wrapped_key is not null and subject_id > ${lastSubject}
      order by subject_id limit ${batchSize}`;
    if (rows.length === 0) {
      // The wraps under `from` stay in the table file as old row versions until the table is rewritten.
      if (rewrapped > 0) await rewriteDataKeys(sql);
      return rewrapped;
    }
    for (const row of rows) {
      const dataKey = await from.unwrap(row.wrapped_key);
      const wrapped = await to.wrap(dataKey);
      dataKey.fill(0);
      const updated = await sql`
        update personal_data.data_keys set wrapped_key = ${wrapped}, key_id = ${to.keyId}, rewrapped_at = now()
        where subject_id = ${row.subject_id} and key_id = ${from.keyId} and wrapped_key = ${row.wrapped_key}`;
      rewrapped += updated.count;
    }
    lastSubject = rows.at(-1)!.subject_id;
  }
};
