/**
 * Every page and who may open it (the gateway enforces access again on every query and mutation). Pages load on
 * first visit, so a member of the public reading reports never downloads the case-work forms.
 */
import type { PageContext, Route } from './router';

type Page = (ctx: PageContext) => Promise<void> | void;

const lazy = <M>(load: () => Promise<M>, name: keyof M & string) => async (ctx: PageContext) => {
  const page = (await load())[name] as unknown as Page | undefined;
  if (typeof page !== 'function') throw new Error(`The page ${name} is missing from this build`);
  await page(ctx);
};

export const routes: Route[] = [
  { path: '/sign-in', page: lazy(() => import('../sign-in/sign-in-page'), 'signInPage') },
  { path: '/learning', page: lazy(() => import('../learning/learning-library-page'), 'learningLibraryPage') },
  { path: '/panel/themes', roles: ['panel'], page: lazy(() => import('../learning/recurring-themes-page'), 'recurringThemesPage') },
  { path: '/dfe', roles: ['dfe'], page: lazy(() => import('../learning/dfe-final-reports-page'), 'dfeFinalReportsPage') },
  { path: '/reports', page: lazy(() => import('../public/reports-page'), 'reportsPage') },
  { path: '/partnership', roles: ['partnership'], page: lazy(() => import('../partnership/dashboard-page'), 'dashboardPage') },
  { path: '/partnership/notify', roles: ['partnership'], page: lazy(() => import('../partnership/notify-page'), 'notifyPage') },
  { path: '/partnership/notified/:id', roles: ['partnership'], page: lazy(() => import('../partnership/notified-page'), 'notifiedPage') },
  { path: '/partnership/incidents/:id', roles: ['partnership'], page: lazy(() => import('../partnership/incident-page'), 'incidentPage') },
  { path: '/partnership/incidents/:id/rapid-review', roles: ['partnership'], page: lazy(() => import('../partnership/rapid-review-page'), 'rapidReviewPage') },
  { path: '/partnership/reviews', roles: ['partnership'], page: lazy(() => import('../review/reviews-page'), 'reviewsPage') },
  { path: '/partnership/reviews/commission', roles: ['partnership'], page: lazy(() => import('../partnership/commission-local-review-page'), 'commissionLocalReviewPage') },
  { path: '/partnership/referrals', roles: ['partnership'], page: lazy(() => import('../referral/partnership-referrals-page'), 'partnershipReferralsPage') },
  { path: '/partnership/referrals/:id', roles: ['partnership'], page: lazy(() => import('../referral/decide-referral-page'), 'decideReferralPage') },
  { path: '/agency/referrals', roles: ['agency'], page: lazy(() => import('../referral/my-referrals-page'), 'myReferralsPage') },
  { path: '/agency/referrals/:id/withdraw', roles: ['agency'], page: lazy(() => import('../referral/withdraw-referral-page'), 'withdrawReferralPage') },
  { path: '/agency/refer', roles: ['agency'], page: lazy(() => import('../referral/refer-page'), 'referPage') },
  { path: '/panel', roles: ['panel'], page: lazy(() => import('../panel/queue-page'), 'queuePage') },
  { path: '/panel/incidents/:id', roles: ['panel'], page: lazy(() => import('../panel/rapid-review-page'), 'panelRapidReviewPage') },
  { path: '/panel/national-review', roles: ['panel'], page: lazy(() => import('../panel/national-review-page'), 'nationalReviewPage') },
  { path: '/panel/reviews', roles: ['panel'], page: lazy(() => import('../review/reviews-page'), 'reviewsPage') },
  { path: '/panel/statistics', roles: ['panel', 'ofsted', 'admin', 'dfe'], page: lazy(() => import('../panel/statistics-page'), 'statisticsPage') },
  // The published view for everyone else: counts of 2 or fewer suppressed by the gateway.
  { path: '/statistics', page: lazy(() => import('../panel/statistics-page'), 'statisticsPage') },
  { path: '/reviews/:id', roles: ['partnership', 'panel'], page: lazy(() => import('../review/review-page'), 'reviewPage') },
];
