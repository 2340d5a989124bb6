/** The service header and navigation: what a role may see decides which links appear (the gateway enforces anyway). */
import { GOVUK_LOGO } from './govuk-logo';
import { html, type Html } from './html';
import type { Session } from './session';

type NavItem = { href: string; text: string };

export const navigationFor = (session: Session | undefined): NavItem[] => {
  const common = [{ href: '#/reports', text: 'Published reports' }, { href: '#/learning', text: 'Learning library' }];
  if (!session) return [...common, { href: '#/statistics', text: 'Statistics' }, { href: '#/sign-in', text: 'Sign in' }];
  const out = { href: '#/sign-out', text: 'Sign out' };
  if (session.role === 'partnership') {
    return [{ href: '#/partnership', text: 'Dashboard' }, { href: '#/partnership/notify', text: 'Notify an incident' }, { href: '#/partnership/reviews', text: 'Local reviews' }, { href: '#/partnership/referrals', text: 'Referrals' }, ...common, { href: '#/statistics', text: 'Statistics' }, out];
  }
  if (session.role === 'agency') {
    return [{ href: '#/agency/referrals', text: 'My referrals' }, { href: '#/agency/refer', text: 'Refer a case' }, ...common, out];
  }
  if (session.role === 'dfe') {
    return [{ href: '#/dfe', text: 'Final reports' }, { href: '#/panel/statistics', text: 'Statistics' }, ...common, out];
  }
  if (session.role === 'panel') {
    return [{ href: '#/panel', text: 'Rapid review queue' }, { href: '#/panel/reviews', text: 'National reviews' }, { href: '#/panel/themes', text: 'Recurring themes' }, { href: '#/panel/statistics', text: 'Statistics' }, ...common, out];
  }
  return [{ href: '#/panel/statistics', text: 'Statistics' }, ...common, out];
};

const isActive = (href: string, current: string) =>
  href === current || (href.length > 2 && current.startsWith(`${href}/`) && !['#/partnership', '#/panel'].includes(href));

export const header = (session: Session | undefined, current: string): Html => html`
  <header class="govuk-header" data-module="govuk-header">
    <div class="govuk-header__container govuk-width-container">
      <div class="govuk-header__logo"><a href="#/" class="govuk-header__homepage-link">${GOVUK_LOGO}</a></div>
    </div>
  </header>
  <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
    <div class="govuk-width-container"><div class="govuk-service-navigation__container">
      <span class="govuk-service-navigation__service-name"><a href="#/" class="govuk-service-navigation__link">Child safeguarding practice reviews</a></span>
      <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
        <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden>Menu</button>
        <ul class="govuk-service-navigation__list" id="navigation">
          ${navigationFor(session).map((item) => isActive(item.href, current)
            ? html`<li class="govuk-service-navigation__item govuk-service-navigation__item--active"><a class="govuk-service-navigation__link" href="${item.href}" aria-current="page"><strong class="govuk-service-navigation__active-fallback">${item.text}</strong></a></li>`
            : html`<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="${item.href}">${item.text}</a></li>`)}
        </ul>
      </nav>
    </div></div>
  </section>`;

const roleWords: Record<Session['role'], string> = { partnership: 'Partnership', panel: 'Panel', ofsted: 'Ofsted', admin: 'Administrator', agency: 'Partner agency', dfe: 'Department for Education' };

export const phaseBanner = (session: Session | undefined): Html => html`
  <div class="govuk-phase-banner"><p class="govuk-phase-banner__content">
    <strong class="govuk-tag govuk-phase-banner__content__tag">Dev</strong>
    <span class="govuk-phase-banner__text">${session
      ? html`Signed in as <strong>${roleWords[session.role]}</strong>${session.partnershipId ? html` for <strong>${session.partnershipId}</strong>` : ''} (${session.userId}).`
      : 'You are not signed in: you can read published reports.'}</span>
  </p></div>`;
