/**
 * The pages every GOV.UK service links from its footer: accessibility statement, privacy notice, cookies and
 * feedback. They are public (no sign-in) and plain text; the facts in the privacy notice follow
 * docs/personal-data.md, and the cookies page names the only cookies the pages set (server/read-your-writes.ts,
 * sign-in/session-cookie.ts).
 */
import { summaryList, table } from '../app/components';
import { html } from '../app/html';
import type { PageContext } from '../server/page';

const LAST_REVIEWED = '1 December 2026';

export const accessibilityPage = (ctx: PageContext) =>
  ctx.render(
    'Accessibility statement',
    html`
    <h1 class="govuk-heading-l">Accessibility statement for Child safeguarding practice reviews</h1>
    <p class="govuk-body">This statement applies to the Child safeguarding practice reviews service, used by local
      safeguarding partnerships, relevant agencies, the Child Safeguarding Practice Review Panel, the Department for
      Education and Ofsted, and by the public to read published reports, the learning library and statistics.</p>
    <p class="govuk-body">We want as many people as possible to be able to use this service. You should be able to:</p>
    <ul class="govuk-list govuk-list--bullet">
      <li>change colours, contrast levels and fonts using browser or device settings</li>
      <li>zoom in up to 400% without the text spilling off the screen</li>
      <li>navigate every page using just a keyboard</li>
      <li>use every page, send every form and download every list with JavaScript turned off</li>
      <li>listen to every page using a screen reader (including recent versions of JAWS, NVDA and VoiceOver)</li>
      <li>print a rapid review or an incident without the navigation and buttons</li>
    </ul>
    <p class="govuk-body">The pages are built from the GOV.UK Design System. Colour is never the only way something is
      shown: an overdue deadline says "overdue" in words as well as in red.</p>
    <h2 class="govuk-heading-m">How accessible this service is</h2>
    <p class="govuk-body">Every page is checked automatically against the Web Content Accessibility Guidelines
      version 2.2 AA standard each time the service changes, with JavaScript on and off. We know of these parts
      that may not be fully accessible:</p>
    <ul class="govuk-list govuk-list--bullet">
      <li>documents partnerships upload (PDF or Word) are not checked by the service: their authors are asked to
        make them accessible</li>
      <li>the bar charts on the statistics pages show the same figures as the tables under them; use the tables
        with a screen reader</li>
    </ul>
    <h2 class="govuk-heading-m">Feedback and contact information</h2>
    <p class="govuk-body">If you need information on this service in a different format, or find a problem not
      listed on this page, <a class="govuk-link" href="/feedback">tell us through the feedback page</a>. We will
      reply within 5 working days.</p>
    <h2 class="govuk-heading-m">Enforcement procedure</h2>
    <p class="govuk-body">The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
      Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy
      with how we respond to your complaint,
      <a class="govuk-link" href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and
      Support Service (EASS)</a>.</p>
    <h2 class="govuk-heading-m">Compliance status</h2>
    <p class="govuk-body">This service is partially compliant with the Web Content Accessibility Guidelines
      version 2.2 AA standard, because of the uploaded documents listed above.</p>
    <p class="govuk-body">This statement was last reviewed on ${LAST_REVIEWED}.</p>
  `,
  );

export const privacyPage = (ctx: PageContext) =>
  ctx.render(
    'Privacy notice',
    html`
    <h1 class="govuk-heading-l">Privacy notice</h1>
    <p class="govuk-body-l">How the Child safeguarding practice reviews service uses personal data, including the
      personal data of children.</p>
    <p class="govuk-body">The Department for Education is the data controller for this service. The Child
      Safeguarding Practice Review Panel, local safeguarding partnerships, the Department for Education and Ofsted
      use it to carry out duties under the Children Act 2004 and Working Together to Safeguard Children.</p>

    <h2 class="govuk-heading-m">What personal data we hold</h2>
    <p class="govuk-body">About children who died or were seriously harmed, when a partnership notifies an incident
      and reviews it:</p>
    <ul class="govuk-list govuk-list--bullet">
      <li>name, date of birth or age, and where the incident happened</li>
      <li>the outline of the case and the free text of the rapid review (what happened, the agencies' summaries, the
        child's lived experience, actions taken), which can include health and family details</li>
      <li>supporting documents the partnership attaches</li>
    </ul>
    <p class="govuk-body">For statistics we also keep facts that do not name a child: the age band, sex, ethnicity,
      disability, where the child lived, whether they were looked after or on a plan, the nature of the incident,
      the local authority and the dates.</p>
    <p class="govuk-body">About people who use the service: your name, email address and role, the partnership or
      agency you work for, contact details you give as the person notifying, and a record of which children's
      personal data you read and when.</p>

    <h2 class="govuk-heading-m">Why we hold it</h2>
    <p class="govuk-body">To decide whether a serious incident needs a local or a national review, to meet the
      statutory deadlines, to learn from reviews so that other children are kept safe, and to publish national
      statistics. The lawful basis is public task (UK GDPR article 6(1)(e)); data about health and ethnicity is
      processed for reasons of substantial public interest (safeguarding of children, Data Protection Act 2018,
      schedule 1, paragraph 18).</p>

    <h2 class="govuk-heading-m">Who sees it</h2>
    ${table({
      caption: 'Who can see what',
      captionClass: 'govuk-table__caption--s',
      head: ['Who', 'What they can see'],
      rows: [
        ['The partnership that notified the incident', 'Everything about its own incidents and reviews'],
        ['The Child Safeguarding Practice Review Panel', 'Everything about every incident, to respond and review'],
        ['An agency that referred a case', 'Its own referral'],
        ['Ofsted and the Department for Education', 'Facts that do not name a child, and published reports'],
        ['The public', 'Published reports and statistics only, which never name a child'],
        ['Service administrators', 'Who has access, the record of reads, and requests to erase data'],
      ],
    })}
    <p class="govuk-body">Names, dates of birth and case details are encrypted, with a key for each incident. Every
      time someone reads them, the service records who, when and which details, before showing them. They are never
      written to logs, emails or messages to other systems.</p>

    <h2 class="govuk-heading-m">How long we keep it</h2>
    <p class="govuk-body">A notified incident and its reviews are kept as the record of the Panel's statutory work.
      When a child's personal data must no longer be held (for example, under a court order), one administrator
      asks for it to be erased and a second administrator approves: the incident's key is destroyed, and the
      names, dates of birth, case details and documents can no longer be read anywhere, including in backups
      restored later. The facts that do not name a child stay, so deadlines and statistics remain correct.</p>
    <p class="govuk-body">Published reports stay available for at least one year. Your sign-in session ends after
      30 minutes without activity.</p>

    <h2 class="govuk-heading-m">Your rights</h2>
    <p class="govuk-body">You can ask for a copy of the personal data we hold about you or a child you are
      responsible for, ask us to correct it, or object to how it is used. Contact the Department for Education's
      data protection officer through
      <a class="govuk-link" href="https://www.gov.uk/contact-dfe">the Department for Education's contact form</a>.
      You can also complain to the
      <a class="govuk-link" href="https://ico.org.uk/make-a-complaint/">Information Commissioner's Office</a>.</p>
  `,
  );

export const cookiesPage = (ctx: PageContext) =>
  ctx.render(
    'Cookies',
    html`
    <h1 class="govuk-heading-l">Cookies</h1>
    <p class="govuk-body">Cookies are small files saved on your phone, tablet or computer when you visit a website.
      This service sets only the cookies it needs to work, so it does not ask for your consent. There are no
      analytics or advertising cookies.</p>
    ${table({
      caption: 'Cookies this service sets',
      captionClass: 'govuk-table__caption--m',
      head: ['Name', 'Purpose', 'Expires'],
      rows: [
        [
          html`<code>__Host-cspr_session</code>`,
          'Keeps you signed in as you move between pages. It holds a random identifier only, signed so it cannot be changed; nothing about you or any child is in it.',
          'When you close your browser, or after 30 minutes without activity, or when you sign out',
        ],
        [
          html`<code>cspr-position</code>`,
          'After you send a form, makes sure the next page shows what you just sent. It holds a number only.',
          '10 minutes',
        ],
      ],
    })}
    <p class="govuk-body">The service may be set up to sign you in through your organisation's account: that sign-in
      page belongs to your organisation and sets its own cookies.</p>
  `,
  );

/**
 * Feedback goes by email, not through a form in the service: people write case details into feedback boxes, and
 * a form would make a new store of free text about children outside the sealed, audited personal-data vault.
 * An email reaches the service team's mailbox (FEEDBACK_EMAIL in @cspr/config) and works the same with JavaScript
 * off.
 */
export const feedbackPage = (feedbackEmail: string) => (ctx: PageContext) =>
  ctx.render(
    'Give feedback',
    html`
    <h1 class="govuk-heading-l">Give feedback on Child safeguarding practice reviews</h1>
    <p class="govuk-body">Tell us what worked, what did not, or what you could not do. We read every message and
      reply within 5 working days if you ask us to.</p>
    ${summaryList([['Email', html`<a class="govuk-link" href="mailto:${feedbackEmail}?subject=Feedback%20on%20Child%20safeguarding%20practice%20reviews">${feedbackEmail}</a>`]])}
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>
        Do not include a child's name, date of birth or details of a case in your feedback. If you need to talk about
        a case, give its reference (for example INC-2026-00123).</strong>
    </div>
    <p class="govuk-body">If you need help with a notification or a review, contact the Panel's secretariat as you
      usually do. To report a problem with accessibility, say which page and what you were trying to do.</p>
  `,
  );
