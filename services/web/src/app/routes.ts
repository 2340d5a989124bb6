/** Every page and who may open it. The gateway enforces access again on every query and mutation. */
import type { Route } from './router';
import { signInPage } from '../sign-in/sign-in-page';
import { commissionLocalReviewPage } from '../partnership/commission-local-review-page';
import { dashboardPage } from '../partnership/dashboard-page';
import { incidentPage } from '../partnership/incident-page';
import { notifyPage } from '../partnership/notify-page';
import { notifiedPage } from '../partnership/notified-page';
import { rapidReviewPage } from '../partnership/rapid-review-page';
import { nationalReviewPage } from '../panel/national-review-page';
import { queuePage } from '../panel/queue-page';
import { panelRapidReviewPage } from '../panel/rapid-review-page';
import { statisticsPage } from '../panel/statistics-page';
import { reportsPage } from '../public/reports-page';
import { reviewPage } from '../review/review-page';
import { reviewsPage } from '../review/reviews-page';

export const routes: Route[] = [
  { path: '/sign-in', page: signInPage },
  { path: '/reports', page: reportsPage },
  { path: '/partnership', roles: ['partnership'], page: dashboardPage },
  { path: '/partnership/notify', roles: ['partnership'], page: notifyPage },
  { path: '/partnership/notified/:id', roles: ['partnership'], page: notifiedPage },
  { path: '/partnership/incidents/:id', roles: ['partnership'], page: incidentPage },
  { path: '/partnership/incidents/:id/rapid-review', roles: ['partnership'], page: rapidReviewPage },
  { path: '/partnership/reviews', roles: ['partnership'], page: reviewsPage },
  { path: '/partnership/reviews/commission', roles: ['partnership'], page: commissionLocalReviewPage },
  { path: '/panel', roles: ['panel'], page: queuePage },
  { path: '/panel/incidents/:id', roles: ['panel'], page: panelRapidReviewPage },
  { path: '/panel/national-review', roles: ['panel'], page: nationalReviewPage },
  { path: '/panel/reviews', roles: ['panel'], page: reviewsPage },
  { path: '/panel/statistics', roles: ['panel', 'ofsted', 'admin'], page: statisticsPage },
  { path: '/reviews/:id', roles: ['partnership', 'panel'], page: reviewPage },
];
