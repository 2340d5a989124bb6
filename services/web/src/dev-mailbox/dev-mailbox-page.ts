/**
 * The development mailbox (`npm start` only): every email the notifier "sent" on this machine, newest first, 25 to
 * a page with the true total, each opened to read it as the recipient would. Whoever composes the web app gives it
 * a mailbox reader only outside production; without one these addresses do not exist (404). Open to anyone on
 * the development platform: the emails carry no personal data (references, local authorities, dates).
 */
import express, { type Router } from 'express';
import { backLink, summaryList, table } from '../app/components';
import { html } from '../app/html';
import { listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage } from '../app/listing';
import { GatewayError } from '../server/gateway-client';
import { page, type PageContext } from '../server/page';

export type MailboxEmail = { messageId: string; to: string; subject: string; body: string; sentAt: Date };
export type DevMailbox = {
  list: (o: { first: number; offset: number }) => Promise<{ emails: MailboxEmail[]; total: number }>;
  open: (messageId: string) => Promise<MailboxEmail | null>;
};

const PATH = '/dev/mailbox';
/** `<hex@cspr.notifier>` in the address bar as its hex part. */
const keyOf = (messageId: string) => messageId.replace(/^<|@.*$/g, '');
const whenOf = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(at);

const listPage = (mailbox: DevMailbox) => async (ctx: PageContext) => {
  const pageNumber = pageFrom(ctx.query);
  const { emails, total } = await mailbox.list({ first: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
  const listing = { path: PATH, query: ctx.query, page: pageNumber, total, noun: 'emails' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  ctx.render(
    'Development mailbox',
    html`
    <span class="govuk-caption-l">Development only</span>
    <h1 class="govuk-heading-l">Development mailbox</h1>
    <p class="govuk-body">Emails the service sent on this development platform, newest first. Nothing here left this
      machine; in production emails go through GOV.UK Notify or SMTP and this page does not exist.</p>
    ${listCount(listing)}
    ${
      emails.length
        ? table({
            caption: 'Emails sent',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            head: ['Subject', 'To', 'Sent'],
            rows: emails.map((e) => [
              html`<a class="govuk-link" href="${PATH}/${keyOf(e.messageId)}">${e.subject}</a>`,
              e.to,
              whenOf(e.sentAt),
            ]),
          })
        : ''
    }
    ${pagination(listing)}
  `,
  );
};

const emailPage = (mailbox: DevMailbox) => async (ctx: PageContext) => {
  const key = ctx.params.key ?? '';
  const email = /^[0-9a-f]{1,64}$/.test(key) ? await mailbox.open(`<${key}@cspr.notifier>`) : null;
  if (!email) throw new GatewayError('No such email', 'NOT_FOUND', 404);
  ctx.render(
    email.subject,
    html`
    ${backLink(PATH, 'Back to the mailbox')}
    <span class="govuk-caption-l">Development mailbox</span>
    <h1 class="govuk-heading-l">${email.subject}</h1>
    ${summaryList([
      ['To', email.to],
      ['Sent', whenOf(email.sentAt)],
    ])}
    <div class="govuk-inset-text"><pre class="govuk-body app-email-body">${email.body}</pre></div>
  `,
  );
};

export const devMailboxRoutes = (mailbox: DevMailbox): Router => {
  const router = express.Router();
  router.get(PATH, page(listPage(mailbox)));
  router.get(`${PATH}/:key`, page(emailPage(mailbox)));
  return router;
};
