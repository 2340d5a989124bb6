/**
 * An incident erased after reviews were commissioned on it and published: its approval destroys the keys of the
 * reviews linked to it, then `PersonalDataErased` names the incident only. The tables are projected live, in
 * batches as the projector would, and then rebuilt (emptied, the whole log replayed after the keys are gone).
 */
import type { Sql } from 'postgres';
import { createTestDatabase } from '@cspr/testing';
import { migrateReadModels, READ_MODEL_TABLES } from './migrations';
import { givenEvents, sealedEvents, testVaultOf, type GivenEvent } from './projection-spec';
import { incidentNotified, localReviewCommissioned, reportPublished } from './test-events';

const learning = (reviewId: string, themes: string[]): GivenEvent => ({
  type: 'LearningRecorded',
  data: { reviewId, recordedOn: '2025-04-01', items: [] },
  personal: { titles: [], themes },
});

/**
 * Reviews on incident `i-e`: local `r-e` (Child E, its report a stored file and a linked one) and thematic `r-t`;
 * `r-k` (York, incident `i-k`) is not erased.
 */
const commissioned: GivenEvent[] = [
  incidentNotified('i-e'),
  localReviewCommissioned('r-e', ['i-e'], '2024-06-01', 'Child E'),
  {
    type: 'ThematicReviewCommissioned',
    data: {
      reviewId: 'r-t',
      partnershipId: 'leeds',
      partnershipIds: ['leeds'],
      incidentIds: ['i-x', 'i-e'],
      reviewIds: [],
      commissionedAt: '2024-06-02T09:00:00.000Z',
      commissionedOn: '2024-06-02',
    },
    personal: { title: 'Harm to Child E', theme: 'Theme of Child E' },
  },
  (() => {
    const york = localReviewCommissioned('r-k', ['i-k'], '2024-06-03', 'Child K');
    return { ...york, data: { ...york.data, partnershipId: 'york' } };
  })(),
  learning('r-e', ['Exploitation']),
  learning('r-t', ['Exploitation']),
  learning('r-k', ['Exploitation']),
  reportPublished('r-e', '2025-05-01', {
    caseName: 'Child E',
    // One file the platform stores (withdrawn by the erasure) and one on the partnership's website (kept).
    documents: [
      {
        kind: 'overview-report',
        title: 'Child E – Overview Report',
        address: `/documents/${'c'.repeat(64)}`,
        checksum: 'c'.repeat(64),
      },
      {
        kind: 'executive-summary',
        title: 'Child E – Executive Summary',
        address: 'https://example.org/child-e-summary.pdf',
        checksum: 'd'.repeat(64),
      },
    ],
  }),
  reportPublished('r-k', '2025-05-02', { caseName: 'Child K' }),
];

const erased: GivenEvent = {
  type: 'PersonalDataErased',
  data: {
    incidentId: 'i-e',
    erasedAt: '2025-06-01T09:00:00.000Z',
    legalBasis: 'court-order',
    requestedBy: 'a',
    approvedBy: 'b',
  },
};

const dump = async (sql: Sql, table: string): Promise<unknown[]> =>
  (await sql<{ row: unknown }[]>`select to_jsonb(t) as row from ${sql(table)} t order by review_id`).map((r) => r.row);

/**
 * Runs the story on a database of its own: `live` is `table` right after the erasure (and `whileLive` may query the
 * live read models then), `rebuilt` is the same table after the rebuild.
 */
export const incidentErasedLiveAndRebuilt = async (
  table: string,
  whileLive: (sql: Sql) => Promise<void>,
): Promise<{ live: unknown[]; rebuilt: unknown[] }> => {
  const db = await createTestDatabase();
  try {
    await migrateReadModels(db.sql);
    const log = await sealedEvents(db.sql, commissioned);
    await givenEvents(db.sql, log);
    const vault = await testVaultOf(db.sql);
    for (const reviewId of ['r-e', 'r-t'])
      await vault.destroyKey(reviewId, { reason: 'court-order', requestedBy: 'a', approvedBy: 'b' });
    await givenEvents(db.sql, [erased]);
    const live = await dump(db.sql, table);
    await whileLive(db.sql);
    await db.sql.unsafe(`truncate ${READ_MODEL_TABLES.join(', ')}`);
    await givenEvents(db.sql, [...log, erased]);
    return { live, rebuilt: await dump(db.sql, table) };
  } finally {
    await db.drop();
  }
};
