/** Every projection the projector runs, in the order they are applied within a batch. */
import { accessGrantsProjection } from './access-grants/access-grants-projection';
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
