/**
 * Partnerships for administrators: every registered partnership by name with the local authorities it covers (by
 * name, 25 to a page), registering one and changing one: its name, its local authorities chosen from the list of
 * English local authorities by name, and its shared mailbox (where statutory reminders go). The partnership's
 * internal id is made from its name when it is registered and never shown.
 */
import { backLink, button, localAuthoritySelect, notice, table, textInput, type FieldErrors } from '../app/components';
import { html } from '../app/html';
import { listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage } from '../app/listing';
import {
  ADD_PARTNERSHIP_CONTACT,
  CHANGE_PARTNERSHIP,
  PARTNERSHIP_CONTACTS,
  PARTNERSHIPS_WITH_AREAS,
  REGISTER_PARTNERSHIP,
  REMOVE_PARTNERSHIP_CONTACT,
} from '../operations';
import { GatewayError } from '../server/gateway-client';
import type { PageContext } from '../server/page';
import { refusalErrors, slugOf } from './admin-words';

type Partnership = { id: string; name: string; localAuthorityCodes: string[] };
type Areas = { partnerships: Partnership[]; localAuthorities: { code: string; name: string }[] };
type Contact = { id: string; kind: string; email: string };
type Payload = { __typename: string; position?: string; message?: string; field?: string | null };

const PATH = '/admin/partnerships';
/** Most partnerships cover one to three local authorities; one more box than in use is always offered. */
const AREA_BOXES = 4;
const SHARED_MAILBOX_ID = 'shared-mailbox';
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const namesOf = (codes: string[], areas: Areas) =>
  codes
    .map((code) => areas.localAuthorities.find((la) => la.code === code)?.name ?? 'Unknown local authority')
    .sort((a, b) => a.localeCompare(b));

export const partnershipsPage = async (ctx: PageContext) => {
  const areas = await ctx.gateway<Areas>(PARTNERSHIPS_WITH_AREAS);
  const all = [...areas.partnerships].sort((a, b) => a.name.localeCompare(b.name));
  const page = pageFrom(ctx.query);
  const listing = { path: PATH, query: ctx.query, page, total: all.length, noun: 'partnerships' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const done = ctx.query.get('done');
  ctx.render(
    'Partnerships',
    html`
    ${done ? notice(done === 'registered' ? 'Partnership registered.' : 'Partnership changed.', 'success') : ''}
    <h1 class="govuk-heading-l">Partnerships</h1>
    ${button({ text: 'Register a partnership', href: `${PATH}/new` })}
    ${listCount(listing)}
    ${table({
      caption: 'Registered partnerships',
      captionClass: 'govuk-table__caption--s govuk-visually-hidden',
      head: ['Partnership', 'Local authorities', 'Manage'],
      rows: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => [
        p.name,
        namesOf(p.localAuthorityCodes, areas).join(', '),
        html`<a class="govuk-link" href="${PATH}/${p.id}">Change<span class="govuk-visually-hidden"> ${p.name}</span></a><br>
          <a class="govuk-link" href="${PATH}/${p.id}/contacts">Email contacts<span class="govuk-visually-hidden"> of ${p.name}</span></a>`,
      ]),
    })}
    ${pagination(listing)}
  `,
  );
};

type Form = { name: string; codes: string[]; mailbox: string };

const formOf = (form: URLSearchParams): Form => ({
  name: (form.get('name') ?? '').trim(),
  codes: Array.from({ length: 50 }, (_, i) => form.get(`localAuthority${i + 1}`) ?? '').filter(Boolean),
  mailbox: (form.get('sharedMailbox') ?? '').trim().toLowerCase(),
});

const check = (f: Form, areas: Areas, self: string | undefined): FieldErrors => {
  const errors: FieldErrors = {};
  if (!f.name) errors.name = 'Enter the name of the partnership';
  else if (areas.partnerships.some((p) => p.id !== self && p.name.toLowerCase() === f.name.toLowerCase()))
    errors.name = 'A partnership with this name is already registered';
  if (f.codes.length === 0) errors.localAuthority1 = 'Select at least one local authority the partnership covers';
  else if (new Set(f.codes).size !== f.codes.length) errors.localAuthority1 = 'Select each local authority once';
  if (!EMAIL.test(f.mailbox))
    errors.sharedMailbox = 'Enter the shared mailbox address in the correct format, like lscp@leeds.gov.uk';
  return errors;
};

const FIELDS = { name: 'name', localAuthorityCodes: 'localAuthority1', partnershipId: 'name', email: 'sharedMailbox' };

const formPage = (
  ctx: PageContext,
  o: { title: string; f: Form; areas: Areas; errors: FieldErrors; action: string; submit: string; note?: string },
) => {
  const boxes = Math.max(AREA_BOXES, o.f.codes.length + 1);
  ctx.render(
    o.title,
    html`
    ${backLink(PATH, 'Back to partnerships')}
    ${o.note ? notice(o.note) : ''}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">${o.title}</h1>
    <form method="post" action="${o.action}" novalidate>
      ${ctx.csrf}
      ${textInput({ id: 'name', label: 'Name', hint: 'For example, Leeds Safeguarding Children Partnership', value: o.f.name, errors: o.errors, labelClass: 'govuk-label--s' })}
      <fieldset class="govuk-fieldset" aria-describedby="areas-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Local authorities covered</legend>
        <div id="areas-hint" class="govuk-hint">Choose each local authority the partnership covers. Leave the boxes you do not need empty.</div>
        ${Array.from({ length: boxes }, (_, i) =>
          localAuthoritySelect({
            id: `localAuthority${i + 1}`,
            label: `Local authority ${i + 1}`,
            localAuthorities: o.areas.localAuthorities,
            value: o.f.codes[i] ?? '',
            placeholder: 'None',
            errors: i === 0 ? o.errors : {},
          }),
        )}
      </fieldset>
      ${textInput({ id: 'sharedMailbox', label: 'Shared mailbox', hint: 'The team address that receives statutory deadline reminders; they cannot be switched off', value: o.f.mailbox, errors: o.errors, type: 'email', autocomplete: 'off', labelClass: 'govuk-label--s' })}
      ${button({ text: o.submit })}
    </form>
    </div></div>
  `,
    { errors: o.errors },
  );
};

const ok = (payload: Payload) => payload.__typename === 'PartnershipPayload';

export const registerPartnershipPage = async (ctx: PageContext) => {
  const areas = await ctx.gateway<Areas>(PARTNERSHIPS_WITH_AREAS);
  const f = ctx.method === 'POST' ? formOf(ctx.form) : { name: '', codes: [], mailbox: '' };
  let errors: FieldErrors = {};
  if (ctx.method === 'POST') {
    errors = check(f, areas, undefined);
    const partnershipId = slugOf(f.name);
    if (!errors.name && areas.partnerships.some((p) => p.id === partnershipId))
      errors.name = 'A partnership with a name like this is already registered: give its full name';
    if (Object.keys(errors).length === 0) {
      const { registerPartnership } = await ctx.gateway<{ registerPartnership: Payload }>(REGISTER_PARTNERSHIP, {
        input: { partnershipId, name: f.name, localAuthorityCodes: f.codes },
      });
      if (ok(registerPartnership)) {
        const { addPartnershipContact } = await ctx.gateway<{ addPartnershipContact: Payload }>(
          ADD_PARTNERSHIP_CONTACT,
          { input: { partnershipId, contactId: SHARED_MAILBOX_ID, kind: 'shared-mailbox', email: f.mailbox } },
        );
        if (ok(addPartnershipContact)) return ctx.redirect(`${PATH}?done=registered`, addPartnershipContact.position);
        // Registered without its mailbox: the change page says what is missing.
        return ctx.redirect(`${PATH}/${partnershipId}?mailbox=refused`, registerPartnership.position);
      }
      errors = refusalErrors(registerPartnership, FIELDS, 'name');
    }
  }
  formPage(ctx, {
    title: 'Register a partnership',
    f,
    areas,
    errors,
    action: `${PATH}/new`,
    submit: 'Register partnership',
  });
};

export const changePartnershipPage = async (ctx: PageContext) => {
  const areas = await ctx.gateway<Areas>(PARTNERSHIPS_WITH_AREAS);
  const partnership = areas.partnerships.find((p) => p.id === ctx.params.id);
  if (!partnership) throw new GatewayError('No such partnership', 'NOT_FOUND', 404);
  const { partnershipContacts } = await ctx.gateway<{ partnershipContacts: Contact[] }>(PARTNERSHIP_CONTACTS, {
    partnershipId: partnership.id,
  });
  const mailbox = partnershipContacts.find((c) => c.kind === 'shared-mailbox');
  const current = { name: partnership.name, codes: partnership.localAuthorityCodes, mailbox: mailbox?.email ?? '' };
  const f = ctx.method === 'POST' ? formOf(ctx.form) : current;
  let errors: FieldErrors = {};
  if (ctx.method === 'POST') {
    errors = check(f, areas, partnership.id);
    if (partnershipContacts.some((c) => c.kind !== 'shared-mailbox' && c.email === f.mailbox))
      errors.sharedMailbox = 'This address is a named person of the partnership: give the team address';
    if (Object.keys(errors).length === 0) {
      const { changePartnership } = await ctx.gateway<{ changePartnership: Payload }>(CHANGE_PARTNERSHIP, {
        input: { partnershipId: partnership.id, name: f.name, localAuthorityCodes: f.codes },
      });
      let last: Payload = changePartnership;
      if (ok(last) && f.mailbox !== current.mailbox) {
        // One shared mailbox at a time: the old one goes before the new one is named.
        if (mailbox) {
          last = (
            await ctx.gateway<{ removePartnershipContact: Payload }>(REMOVE_PARTNERSHIP_CONTACT, {
              input: { partnershipId: partnership.id, contactId: mailbox.id },
            })
          ).removePartnershipContact;
        }
        if (ok(last))
          last = (
            await ctx.gateway<{ addPartnershipContact: Payload }>(ADD_PARTNERSHIP_CONTACT, {
              input: {
                partnershipId: partnership.id,
                contactId: SHARED_MAILBOX_ID,
                kind: 'shared-mailbox',
                email: f.mailbox,
              },
            })
          ).addPartnershipContact;
      }
      if (ok(last)) return ctx.redirect(`${PATH}?done=changed`, last.position);
      errors = refusalErrors(last, FIELDS, 'name');
    }
  }
  formPage(ctx, {
    ...(mailbox ? {} : { note: 'The partnership has no shared mailbox: statutory deadline reminders go there.' }),
    title: `Change ${partnership.name}`,
    f,
    areas,
    errors,
    action: `${PATH}/${partnership.id}`,
    submit: 'Save changes',
  });
};
