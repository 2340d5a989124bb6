/**
 * Each partnership user chooses which emails they get at their own address (reminders, confirmations, Panel
 * updates, the weekly digest). Statutory deadline reminders to the partnership's shared mailbox are not theirs to
 * switch off, and the page says so. Someone not yet on the partnership's email list can add themselves.
 */
import { button, choices, notice, type FieldErrors } from '../app/components';
import { html } from '../app/html';
import { ADD_PARTNERSHIP_CONTACT, MY_EMAIL_PREFERENCES, SET_EMAIL_PREFERENCES } from '../operations';
import { GatewayError } from '../server/gateway-client';
import type { PageContext } from '../server/page';
import { EMAIL_KINDS } from '../admin/admin-words';
import { addressWithRefusal, type Contact } from '../admin/partnership-contacts-page';

type Payload = { __typename: string; position?: string; message?: string };

const PATH = '/partnership/email-preferences';

export const emailPreferencesPage = async (ctx: PageContext) => {
  const user = ctx.user;
  if (!user?.partnershipId) throw new GatewayError('Email preferences are for partnership users', 'FORBIDDEN', 403);
  const partnershipId = user.partnershipId;
  const { myEmailPreferences: me, partnershipContacts } = await ctx.gateway<{
    myEmailPreferences: Contact | null;
    partnershipContacts: Contact[];
  }>(MY_EMAIL_PREFERENCES, { partnershipId });
  const errors: FieldErrors = {};
  let receives = me?.receives ?? [];
  if (ctx.method === 'POST' && ctx.form.get('action') === 'join') {
    const { addPartnershipContact } = await ctx.gateway<{ addPartnershipContact: Payload }>(ADD_PARTNERSHIP_CONTACT, {
      input: {
        partnershipId,
        contactId: `user-${user.subject
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')}`.slice(0, 100),
        kind: 'person',
        name: user.displayName,
        email: user.email.toLowerCase(),
        userId: user.subject,
      },
    });
    if (addPartnershipContact.__typename === 'PartnershipPayload') return ctx.redirect(`${PATH}?done=joined`);
    errors.join = addPartnershipContact.message ?? 'You could not be added';
  } else if (ctx.method === 'POST' && me) {
    receives = ctx.form.getAll('receives');
    const { setEmailPreferences } = await ctx.gateway<{ setEmailPreferences: Payload }>(SET_EMAIL_PREFERENCES, {
      input: { partnershipId, contactId: me.id, receives },
    });
    if (setEmailPreferences.__typename === 'PartnershipPayload') return ctx.redirect(`${PATH}?done=saved`);
    errors.receives = setEmailPreferences.message ?? 'Your choice could not be saved';
  }
  const mailbox = partnershipContacts.find((c) => c.kind === 'shared-mailbox');
  const done = ctx.query.get('done');
  ctx.render(
    'Your email preferences',
    html`
    ${done ? notice(done === 'saved' ? 'Your email preferences are saved.' : 'You are on the partnership’s email list.', 'success') : ''}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <span class="govuk-caption-l">${user.partnershipName ?? ''}</span>
    <h1 class="govuk-heading-l">Your email preferences</h1>
    <div class="govuk-inset-text" id="statutory">${
      mailbox
        ? `Statutory deadline reminders and overdue alerts always go to your partnership's shared mailbox, ${mailbox.email}. They cannot be switched off.`
        : 'Statutory deadline reminders and overdue alerts go to your partnership’s shared mailbox and cannot be switched off. Your partnership has no shared mailbox yet: ask your administrator to add one.'
    }</div>
    ${
      me
        ? html`<p class="govuk-body">Emails to you go to ${addressWithRefusal(me)}.</p>
      <form method="post" action="${PATH}" novalidate>
        ${ctx.csrf}
        ${choices({ id: 'receives', type: 'checkbox', label: 'Which emails do you want?', hint: 'Select all that apply. They never contain a child’s name or case details.', options: EMAIL_KINDS, value: receives, errors, legendClass: 'govuk-fieldset__legend--m' })}
        ${button({ text: 'Save preferences' })}
      </form>`
        : html`<p class="govuk-body">You are not on your partnership’s email list, so you get no emails from the service at ${user.email}.</p>
      ${errors.join ? html`<p class="govuk-error-message" id="join"><span class="govuk-visually-hidden">Error:</span> ${errors.join}</p>` : ''}
      <form method="post" action="${PATH}" novalidate>
        ${ctx.csrf}
        ${button({ text: 'Send me emails', name: 'action', value: 'join' })}
      </form>`
    }
    </div></div>
  `,
    { errors },
  );
};
