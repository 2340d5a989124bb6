/** The browser entry: styles, GOV.UK components, routes and the page shell. */
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import '@ministryofjustice/frontend/moj/moj-frontend.min.css';
import './app.css';
import { Button, Checkboxes, createAll, ErrorSummary, NotificationBanner, Radios, ServiceNavigation, SkipLink } from 'govuk-frontend';
import { SortableTable } from '@ministryofjustice/frontend/moj/components/sortable-table/sortable-table.mjs';
import { clearAllDrafts } from './drafts';
import { GraphQLRequestError, RecordNotFoundError } from './graphql-client';
import { html, type Html } from './html';
import { header, phaseBanner } from './layout';
import { isRouteHash, matchRoute, type PageContext } from './router';
import { currentSession, homeOf, signOut } from './session';
import { routes } from './routes';

const main = document.querySelector<HTMLElement>('#main-content')!;
const SERVICE = 'Child safeguarding practice reviews – GOV.UK';

const enhance = (scope: HTMLElement) => {
  // Each component guards against initialising twice, so re-rendering part of a page is safe.
  // Button gives links styled as buttons the space-bar activation users expect of a button.
  for (const component of [Button, ErrorSummary, Radios, Checkboxes, NotificationBanner]) createAll(component as never, undefined, scope);
  createAll(SortableTable as never, undefined, scope);
  // Bar widths through the CSSOM: the content security policy allows no inline style attributes.
  scope.querySelectorAll<HTMLElement>('[data-bar-width]').forEach((bar) => { bar.style.width = `${bar.dataset.barWidth}%`; });
};

let firstRoute = true;

const show = async () => {
  const hash = location.hash;
  if (!isRouteHash(hash)) return;
  const session = currentSession();
  if (hash === '#/sign-out') {
    signOut();
    location.hash = '#/sign-in';
    return;
  }
  if (hash === '' || hash === '#' || hash === '#/') {
    location.replace(homeOf(session));
    return;
  }
  document.querySelector('#app-header')!.innerHTML = String(header(session, hash.split('?')[0]!));
  document.querySelector('#app-phase')!.innerHTML = String(phaseBanner(session));
  createAll(ServiceNavigation as never, undefined, document.querySelector<HTMLElement>('#app-header')!);
  const render = (title: string, view: Html) => {
    document.title = `${title} – ${SERVICE}`;
    main.innerHTML = String(view);
    enhance(main);
    return main;
  };
  const ctx: PageContext = { params: {}, query: new URLSearchParams(), session, render, navigate: (to) => { location.hash = to; } };
  const matched = matchRoute(routes, hash);
  if (!matched) {
    render('Page not found', html`<h1 class="govuk-heading-l">Page not found</h1><p class="govuk-body">If you typed the web address, check it is correct.</p><p class="govuk-body"><a class="govuk-link" href="${homeOf(session)}">Go to the start</a></p>`);
  } else if (matched.route.roles && (!session || !matched.route.roles.includes(session.role))) {
    if (!session) {
      location.replace(`#/sign-in`);
      return;
    }
    render('You cannot see this page', html`<h1 class="govuk-heading-l">You cannot see this page</h1><p class="govuk-body">Signed in as ${session.role}, you do not have access to this page.</p><p class="govuk-body"><a class="govuk-link" href="${homeOf(session)}">Go to your start page</a></p>`);
  } else {
    render('Loading', html`<p class="govuk-body" role="status">Loading…</p>`);
    try {
      await matched.route.page({ ...ctx, params: matched.params, query: matched.query });
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') {
        signOut();
        location.replace('#/sign-in?expired=1');
        return;
      }
      if (error instanceof RecordNotFoundError) {
        render('Page not found', html`<h1 class="govuk-heading-l">Page not found</h1><p class="govuk-body">There is no such record, or it is not one you can see.</p><p class="govuk-body"><a class="govuk-link" href="${homeOf(session)}">Go to your start page</a></p>`);
        return;
      }
      render('Sorry, there is a problem', html`<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1><p class="govuk-body">${(error as Error).message}</p><p class="govuk-body"><a class="govuk-link" href="${location.hash}">Try again</a></p>`);
    }
  }
  // A new page: move focus to its content so screen reader and keyboard users start at the top of it.
  if (!firstRoute) main.focus({ preventScroll: false });
  firstRoute = false;
  window.scrollTo(0, 0);
};

// Earlier versions kept drafts (case details) in localStorage with no end: remove any such leftovers.
clearAllDrafts(localStorage);
createAll(SkipLink as never);
// In-page links (the skip link, contents lists, error summary) move focus without touching the address, which
// holds the route: a reload or the back button must land on the same page, not on "#main-content".
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href^="#"]');
  const href = link?.getAttribute('href') ?? '';
  if (!link || href.startsWith('#/') || href === '#' || event.defaultPrevented) return;
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!target) return;
  event.preventDefault();
  if (!target.matches('a, button, input, select, textarea, [tabindex]')) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'start' });
});
window.addEventListener('hashchange', () => void show());
void show();
