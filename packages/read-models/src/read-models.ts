/** Every projection the projector runs, in the order they are applied within a batch. */
import type { Sql } from 'postgres';
import { accessGrantsProjection } from './access-grants/access-grants-projection';
import { CHECKPOINT_NAME } from './checkpoint';
import { READ_MODEL_TABLES } from './migrations';
import { erasureRequestsProjection } from './erasure-requests/erasure-requests-projection';
import { incidentsProjection } from './incidents/incidents-projection';
import { learningProjection } from './learning/learning-projection';
import { notificationFactsProjection } from './national-statistics/notification-facts-projection';
import { panelQueueProjection } from './panel-queue/panel-queue-projection';
import { partnershipsProjection } from './partnerships/partnerships-projection';
import type { Projection } from './projection';
import { publishedReportsProjection } from './published-reports/published-reports-projection';
import { referralsProjection } from './referrals/referrals-projection';
import { reviewsProjection } from './reviews/reviews-projection';
import { statisticsReleasesProjection } from './statistics-releases/statistics-releases-projection';

export const projections = [
  partnershipsProjection,
  incidentsProjection,
  panelQueueProjection,
  reviewsProjection,
  publishedReportsProjection,
  notificationFactsProjection,
  referralsProjection,
  learningProjection,
  statisticsReleasesProjection,
  accessGrantsProjection,
  erasureRequestsProjection,
] as unknown as Projection[];

/**
 * Empties every read model and puts the checkpoint back to the start of the log, in one transaction, marked as
 * rebuilding until the replay catches up, and labelled with the calendar the replay computes due dates with. A projector running meanwhile fails its next compare-and-set and re-reads.
 */
export const resetReadModels = async (sql: Sql, calendarVersion: string): Promise<void> => {
  await sql.begin(async (tx) => {
    await tx`truncate table ${tx([...READ_MODEL_TABLES])}`;
    // The only place the calendar version is written for built read models: every due date is about to be recomputed.
    await tx`
      update read_models.checkpoints
      set commit_position = 0, prepare_position = 0, rebuilding = true, events_processed = 0,
          calendar_version = ${calendarVersion}, updated_at = now()
      where name = ${CHECKPOINT_NAME}`;
  });
};
