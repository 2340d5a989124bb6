/**
 * An administrator changes which emails one of a partnership's contacts receives. The shared mailbox always gets
 * statutory deadline reminders and overdue alerts: that box is not offered, and the page says why.
 */
import { backLink, button, choices, type FieldErrors } from '../app/components';
import { html } from '../app/html';
import { PARTNERSHIP_CONTACTS, SET_EMAIL_PREFERENCES } from '../operations';
import { GatewayError } from '../server/gateway-client';
import type { PageContext } from '../server/page';
import { EMAIL_KINDS } from './admin-words';
import type { Contact } from './partnership-contacts-page';

type Payload = { __typename: string; message?: string };
const STATUTORY = 'deadline-reminders';

export const contactEmailsPage = async (ctx: PageContext) => {
  const partnershipId = ctx.params.id ?? '';
  const contactsPath = `/admin/partnerships/${partnershipId}/contacts`;
  const { partnershipContacts, partnerships } = await ctx.gateway<{
    partnershipContacts: Contact[];
    partnerships: { id: string; name: string }[];
  }>(PARTNERSHIP_CONTACTS, { partnershipId });
  const partnership = partnerships.find((p) => p.id === partnershipId);
  const contact = partnershipContacts.find((c) => c.id === ctx.params.contactId);
  if (!partnership || !contact) throw new GatewayError('No such contact', 'NOT_FOUND', 404);
  const mailbox = contact.kind === 'shared-mailbox';
  const errors: FieldErrors = {};
  let receives = contact.receives;
  if (ctx.method === 'POST') {
    receives = [...ctx.form.getAll('receives'), ...(mailbox ? [STATUTORY] : [])];
    const { setEmailPreferences } = await ctx.gateway<{ setEmailPreferences: Payload }>(SET_EMAIL_PREFERENCES, {
      input: { partnershipId, contactId: contact.id, receives: [...new Set(receives)] },
    });
    if (setEmailPreferences.__typename === 'PartnershipPayload') return ctx.redirect(`${contactsPath}?done=changed`);
    errors.receives = setEmailPreferences.message ?? 'The choice could not be saved';
  }
  const who = mailbox ? 'the shared mailbox' : (contact.name ?? contact.email);
  ctx.render(
    `Emails for ${who}`,
    html`
    ${backLink(contactsPath, 'Back to email contacts')}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l">${partnership.name}</span>
    <h1 class="govuk-heading-l">Emails for ${who}</h1>
    <p class="govuk-body">Sent to ${contact.email}.</p>
    ${
      mailbox
        ? html`<div class="govuk-inset-text" id="statutory">Statutory deadline reminders and overdue alerts always go to
            the shared mailbox. They cannot be switched off.</div>`
        : ''
    }
    <form method="post" action="${contactsPath}/${contact.id}" novalidate>
      ${ctx.csrf}
      ${choices({ id: 'receives', type: 'checkbox', label: mailbox ? 'Which other emails does the shared mailbox get?' : 'Which emails does this person get?', hint: 'Select all that apply.', options: mailbox ? EMAIL_KINDS.filter((k) => k.value !== STATUTORY) : EMAIL_KINDS, value: receives, errors, legendClass: 'govuk-fieldset__legend--m' })}
      ${button({ text: 'Save emails' })}
    </form>
    </div></div>
  `,
    { errors },
  );
};
