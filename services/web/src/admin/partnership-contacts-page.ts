/**
 * Who receives a partnership's emails, for administrators: its shared mailbox and named people, what each receives,
 * and any address the mail channel refused with the channel's reason (fix it by removing the contact and adding
 * the right address). A named person can be linked to their sign-in, so they choose their own emails on the
 * preferences page; the people offered are those with access to this partnership.
 */
import { backLink, button, choices, notice, select, table, textInput, type FieldErrors } from '../app/components';
import { html } from '../app/html';
import {
  ACCESS_GRANTS,
  ADD_PARTNERSHIP_CONTACT,
  PARTNERSHIP_CONTACTS,
  REMOVE_PARTNERSHIP_CONTACT,
} from '../operations';
import { GatewayError } from '../server/gateway-client';
import type { PageContext } from '../server/page';
import { emailKindName, refusalErrors, slugOf } from './admin-words';

export type Contact = {
  id: string;
  kind: string;
  email: string;
  name: string | null;
  userId: string | null;
  receives: string[];
  refusedReason: string | null;
};
type Payload = { __typename: string; position?: string; message?: string; field?: string | null };

const DONE: Record<string, string> = {
  added: 'Contact added.',
  removed: 'Contact removed.',
  changed: 'Emails changed.',
};
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const KINDS = [
  { value: 'person', label: 'A named person' },
  { value: 'shared-mailbox', label: 'The shared mailbox', hint: 'Statutory deadline reminders always go here' },
];

/** A contact's address, and the channel's refusal when there is one. */
export const addressWithRefusal = (c: Contact) =>
  c.refusedReason
    ? html`${c.email}<br><strong class="govuk-tag govuk-tag--red">Refused</strong>
        <span class="govuk-body-s">The mail server refused this address: ${c.refusedReason}</span>`
    : c.email;

export const partnershipContactsPage = async (ctx: PageContext) => {
  const partnershipId = ctx.params.id ?? '';
  const path = `/admin/partnerships/${partnershipId}/contacts`;
  const read = () =>
    ctx.gateway<{ partnershipContacts: Contact[]; partnerships: { id: string; name: string }[] }>(
      PARTNERSHIP_CONTACTS,
      { partnershipId },
    );
  const { partnershipContacts: contacts, partnerships } = await read();
  const partnership = partnerships.find((p) => p.id === partnershipId);
  if (!partnership) throw new GatewayError('No such partnership', 'NOT_FOUND', 404);
  const hasMailbox = contacts.some((c) => c.kind === 'shared-mailbox');

  let errors: FieldErrors = {};
  let problem: string | undefined;
  const typed = { kind: '', name: '', email: '', userId: '' };
  if (ctx.method === 'POST' && ctx.form.get('action') === 'remove') {
    const { removePartnershipContact } = await ctx.gateway<{ removePartnershipContact: Payload }>(
      REMOVE_PARTNERSHIP_CONTACT,
      { input: { partnershipId, contactId: ctx.form.get('contactId') ?? '' } },
    );
    if (removePartnershipContact.__typename === 'PartnershipPayload') return ctx.redirect(`${path}?done=removed`);
    problem = removePartnershipContact.message ?? 'The contact could not be removed';
  } else if (ctx.method === 'POST') {
    for (const k of Object.keys(typed) as (keyof typeof typed)[]) typed[k] = (ctx.form.get(k) ?? '').trim();
    typed.email = typed.email.toLowerCase();
    if (!KINDS.some((k) => k.value === typed.kind)) errors.kind = 'Select who the contact is';
    else if (typed.kind === 'shared-mailbox' && hasMailbox)
      errors.kind = 'The partnership already has a shared mailbox: remove it before adding another';
    if (typed.kind === 'person' && !typed.name) errors.name = "Enter the person's name";
    if (!EMAIL.test(typed.email))
      errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
    else if (contacts.some((c) => c.email === typed.email)) errors.email = 'This address is already a contact';
    if (Object.keys(errors).length === 0) {
      const base = typed.kind === 'shared-mailbox' ? 'shared-mailbox' : slugOf(typed.name) || 'person';
      let contactId = base;
      for (let n = 2; contacts.some((c) => c.id === contactId); n += 1) contactId = `${base}-${n}`;
      const { addPartnershipContact } = await ctx.gateway<{ addPartnershipContact: Payload }>(ADD_PARTNERSHIP_CONTACT, {
        input: {
          partnershipId,
          contactId,
          kind: typed.kind,
          email: typed.email,
          ...(typed.kind === 'person' ? { name: typed.name } : {}),
          ...(typed.kind === 'person' && typed.userId ? { userId: typed.userId } : {}),
        },
      });
      if (addPartnershipContact.__typename === 'PartnershipPayload') return ctx.redirect(`${path}?done=added`);
      errors = refusalErrors(
        addPartnershipContact,
        { email: 'email', name: 'name', kind: 'kind', userId: 'userId' },
        'email',
      );
    }
  }

  const { accessGrants } = await ctx.gateway<{
    accessGrants: { subject: string; email: string | null; role: string }[];
  }>(ACCESS_GRANTS, { partnershipId });
  const people = [
    ...new Map(
      accessGrants
        .filter((g) => g.role === 'partnership')
        .map((g) => [g.subject, { value: g.subject, label: g.email ?? 'A user without an email recorded' }]),
    ).values(),
  ].sort((a, b) => a.label.localeCompare(b.label));
  const done = ctx.query.get('done');
  ctx.render(
    `Email contacts of ${partnership.name}`,
    html`
    ${backLink('/admin/partnerships', 'Back to partnerships')}
    ${done && DONE[done] ? notice(DONE[done], 'success') : ''}
    ${problem ? notice(problem) : ''}
    <span class="govuk-caption-l">${partnership.name}</span>
    <h1 class="govuk-heading-l">Email contacts</h1>
    <p class="govuk-body">Reminders before each deadline, overdue alerts and confirmations go to these addresses. Statutory
      deadline reminders always go to the shared mailbox; named people choose their own emails on their preferences page.</p>
    ${hasMailbox ? '' : notice('The partnership has no shared mailbox: add one so statutory reminders reach the team.')}
    ${
      contacts.length
        ? table({
            caption: 'Contacts',
            captionClass: 'govuk-table__caption--m',
            head: ['Who', 'Address', 'Receives', 'Action'],
            rows: contacts.map((c) => [
              c.kind === 'shared-mailbox' ? 'Shared mailbox' : (c.name ?? 'Named person'),
              addressWithRefusal(c),
              html`${c.receives.length ? c.receives.map(emailKindName).join(', ') : 'Nothing'}<br>
                <a class="govuk-link" href="${path}/${c.id}">Change emails<span class="govuk-visually-hidden"> for ${c.email}</span></a>`,
              html`<form method="post" action="${path}" novalidate>${ctx.csrf}
                <input type="hidden" name="contactId" value="${c.id}">
                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" name="action" value="remove">Remove<span class="govuk-visually-hidden"> ${c.email}</span></button>
              </form>`,
            ]),
          })
        : html`<p class="govuk-body">No contacts yet.</p>`
    }
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <h2 class="govuk-heading-m">Add a contact</h2>
    <form method="post" action="${path}" novalidate>
      ${ctx.csrf}
      ${choices({ id: 'kind', type: 'radio', label: 'Who is it?', options: hasMailbox ? KINDS.slice(0, 1) : KINDS, value: typed.kind, errors })}
      ${textInput({ id: 'name', label: 'Name', hint: 'For a named person', value: typed.name, errors, autocomplete: 'off', labelClass: 'govuk-label--s' })}
      ${textInput({ id: 'email', label: 'Email address', value: typed.email, errors, type: 'email', autocomplete: 'off', labelClass: 'govuk-label--s' })}
      ${select({ id: 'userId', label: 'Their sign-in (optional)', hint: 'So the person can choose their own emails. Only people with access to this partnership are listed.', options: people, value: typed.userId, placeholder: 'Not a user of the service', errors, labelClass: 'govuk-label--s' })}
      ${button({ text: 'Add contact' })}
    </form>
    </div></div>
  `,
    { errors },
  );
};
