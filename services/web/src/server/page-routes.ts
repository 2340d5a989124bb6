/**
 * Every page and its address. Signed-in pages sit behind `requireSignedIn` (sign in first, then come back); what
 * anyone may see or do on them is the gateway's answer to their token, never a rule here. A page with a form
 * answers GET and POST at the same address (POST/redirect/GET on success, the form again with errors otherwise).
 */
import express, { type RequestHandler, type Router } from 'express';
import { page, type PageContext } from './page';
import { reportsRoutes } from '../public/reports';
import { partnershipReviewsRoutes } from '../public/partnership-reviews';
import { learningLibraryPage } from '../learning/learning-library-page';
import { liveStatisticsPage, statisticsPage } from '../panel/statistics-page';
import { recurringThemesPage } from '../learning/recurring-themes-page';
import { dfeFinalReportsPage } from '../learning/dfe-final-reports-page';
import { dashboardPage } from '../partnership/dashboard-page';
import { notifyPage } from '../partnership/notify-page';
import { notifiedPage } from '../partnership/notified-page';
import { incidentPage } from '../partnership/incident-page';
import { rapidReviewPage } from '../partnership/rapid-review-page';
import { amendNotificationPage } from '../partnership/amend-notification-page';
import { withdrawNotificationPage } from '../partnership/withdraw-notification-page';
import { commissionReviewPage } from '../partnership/commission-review-page';
import { reviewsPage } from '../review/reviews-page';
import { reviewPage } from '../review/review-page';
import { partnershipReferralsPage } from '../referral/partnership-referrals-page';
import { decideReferralPage } from '../referral/decide-referral-page';
import { myReferralsPage } from '../referral/my-referrals-page';
import { referPage } from '../referral/refer-page';
import { withdrawReferralPage } from '../referral/withdraw-referral-page';
import { queuePage } from '../panel/queue-page';
import { panelRapidReviewPage } from '../panel/rapid-review-page';
import { nationalReviewPage } from '../panel/national-review-page';
import { incidentSearchPage } from '../panel/incident-search-page';
import { statisticsReleasesPage } from '../panel/statistics-releases-page';
import { erasureRequestsPage } from '../admin/erasure-requests-page';
import { auditPage } from '../admin/audit-page';
import { accessibilityPage, cookiesPage, feedbackPage, privacyPage } from '../about/about-pages';
import { accessPage } from '../admin/access-page';
import { changePartnershipPage, partnershipsPage, registerPartnershipPage } from '../admin/partnerships-page';
import { partnershipContactsPage } from '../admin/partnership-contacts-page';
import { contactEmailsPage } from '../admin/contact-emails-page';
import { requestErasurePage } from '../admin/request-erasure-page';
import { emailPreferencesPage } from '../partnership/email-preferences-page';
import { emailLinkPage } from './email-links';

type Page = (ctx: PageContext) => Promise<void> | void;
type Route = { path: string; page: Page; signedIn?: true; form?: true };

const routes: Route[] = [
  // The footer's pages, public as on every GOV.UK service.
  { path: '/accessibility', page: accessibilityPage },
  { path: '/privacy', page: privacyPage },
  { path: '/cookies', page: cookiesPage },
  { path: '/learning', page: learningLibraryPage },
  // Published releases for everyone; the Panel's live, exact view apart.
  { path: '/statistics', page: statisticsPage },
  { path: '/panel/statistics', page: liveStatisticsPage, signedIn: true },
  { path: '/panel/statistics/releases', page: statisticsReleasesPage, signedIn: true, form: true },
  { path: '/panel/themes', page: recurringThemesPage, signedIn: true },
  { path: '/dfe', page: dfeFinalReportsPage, signedIn: true },
  { path: '/partnership', page: dashboardPage, signedIn: true },
  { path: '/partnership/notify', page: notifyPage, signedIn: true, form: true },
  { path: '/partnership/notified/:id', page: notifiedPage, signedIn: true },
  { path: '/partnership/incidents/:id', page: incidentPage, signedIn: true },
  { path: '/partnership/incidents/:id/rapid-review', page: rapidReviewPage, signedIn: true, form: true },
  { path: '/partnership/incidents/:id/amend', page: amendNotificationPage, signedIn: true, form: true },
  { path: '/partnership/incidents/:id/withdraw', page: withdrawNotificationPage, signedIn: true, form: true },
  { path: '/partnership/reviews', page: reviewsPage, signedIn: true },
  { path: '/partnership/reviews/commission', page: commissionReviewPage, signedIn: true, form: true },
  { path: '/partnership/referrals', page: partnershipReferralsPage, signedIn: true },
  { path: '/partnership/referrals/:id', page: decideReferralPage, signedIn: true, form: true },
  { path: '/agency/referrals', page: myReferralsPage, signedIn: true },
  { path: '/agency/referrals/:id/withdraw', page: withdrawReferralPage, signedIn: true, form: true },
  { path: '/agency/refer', page: referPage, signedIn: true, form: true },
  { path: '/panel', page: queuePage, signedIn: true },
  { path: '/panel/incidents', page: incidentSearchPage, signedIn: true },
  { path: '/panel/incidents/:id', page: panelRapidReviewPage, signedIn: true, form: true },
  { path: '/panel/national-review', page: nationalReviewPage, signedIn: true, form: true },
  { path: '/panel/reviews', page: reviewsPage, signedIn: true },
  { path: '/reviews/:id', page: reviewPage, signedIn: true, form: true },
  { path: '/admin/erasure-requests', page: erasureRequestsPage, signedIn: true, form: true },
  { path: '/admin/audit', page: auditPage, signedIn: true },
  { path: '/admin/erasure-requests/new', page: requestErasurePage, signedIn: true, form: true },
  { path: '/admin/access', page: accessPage, signedIn: true, form: true },
  { path: '/admin/partnerships', page: partnershipsPage, signedIn: true },
  { path: '/admin/partnerships/new', page: registerPartnershipPage, signedIn: true, form: true },
  { path: '/admin/partnerships/:id', page: changePartnershipPage, signedIn: true, form: true },
  { path: '/admin/partnerships/:id/contacts', page: partnershipContactsPage, signedIn: true, form: true },
  { path: '/admin/partnerships/:id/contacts/:contactId', page: contactEmailsPage, signedIn: true, form: true },
  { path: '/partnership/email-preferences', page: emailPreferencesPage, signedIn: true, form: true },
  { path: '/incidents/:id', page: emailLinkPage('incidents'), signedIn: true },
  { path: '/referrals/:id', page: emailLinkPage('referrals'), signedIn: true },
];

const pass: RequestHandler = (_req, _res, next) => next();

/** Settings the pages show (from @cspr/config through createWebApp). */
export type PageSettings = { feedbackEmail: string };

export const pageRoutes = (settings: PageSettings, requireSignedIn: RequestHandler = pass): Router => {
  const router = express.Router();
  router.get('/feedback', page(feedbackPage(settings.feedbackEmail)));
  reportsRoutes(router);
  partnershipReviewsRoutes(router);
  for (const route of routes) {
    const guard = route.signedIn ? requireSignedIn : pass;
    router.get(route.path, guard, page(route.page));
    if (route.form) router.post(route.path, guard, page(route.page));
  }
  return router;
};
