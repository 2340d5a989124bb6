/**
 * Who may use the service: an administrator grants a role to a person (by their sign-in with the identity provider
 * and the email address they are known by), with the partnership chosen by name where the role works for one, and
 * revokes it. The grants in force are listed by person, 25 to a page with the true total. The gateway decides; a
 * refusal (a partnership missing, a grant not held) is shown against its field.
 */
import { button, choices, notice, select, table, textInput, type FieldErrors } from '../app/components';
import { formatDate } from '../app/deadline';
import { html } from '../app/html';
import { listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage } from '../app/listing';
import { ACCESS_GRANTS, GRANT_ACCESS, REVOKE_ACCESS } from '../operations';
import type { PageContext } from '../server/page';
import { refusalErrors, roleName, ROLES, ROLES_WITH_PARTNERSHIP } from './admin-words';

type Grant = {
  subject: string;
  email: string | null;
  role: string;
  partnershipId: string | null;
  partnershipName: string | null;
  grantedAt: string;
};
type Payload = { __typename: string; position?: string; message?: string; field?: string | null };

const PATH = '/admin/access';
const FIELDS = { subject: 'subject', email: 'email', role: 'role', partnershipId: 'partnershipId' };

const grantInput = (form: URLSearchParams) => {
  const role = form.get('role') ?? '';
  const partnershipId = form.get('partnershipId') ?? '';
  return {
    subject: (form.get('subject') ?? '').trim(),
    email: (form.get('email') ?? '').trim(),
    role,
    ...(ROLES_WITH_PARTNERSHIP.includes(role) && partnershipId ? { partnershipId } : {}),
  };
};

const checkGrant = (input: ReturnType<typeof grantInput>): FieldErrors => {
  const errors: FieldErrors = {};
  if (!input.subject) errors.subject = "Enter the person's sign-in ID";
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email))
    errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
  if (!ROLES.some((r) => r.value === input.role)) errors.role = 'Select what the person does';
  else if (ROLES_WITH_PARTNERSHIP.includes(input.role) && !input.partnershipId)
    errors.partnershipId = `Select the partnership the ${roleName(input.role).toLowerCase()} user works for`;
  return errors;
};

export const accessPage = async (ctx: PageContext) => {
  let errors: FieldErrors = {};
  let problem: string | undefined;
  if (ctx.method === 'POST') {
    if (ctx.form.get('action') === 'revoke') {
      const partnershipId = ctx.form.get('partnershipId');
      const { revokeAccess } = await ctx.gateway<{ revokeAccess: Payload }>(REVOKE_ACCESS, {
        input: {
          subject: ctx.form.get('subject') ?? '',
          role: ctx.form.get('role') ?? '',
          ...(partnershipId ? { partnershipId } : {}),
        },
      });
      if (revokeAccess.__typename === 'AccessPayload')
        return ctx.redirect(`${PATH}?done=revoked`, revokeAccess.position);
      problem = revokeAccess.message ?? 'The access could not be revoked';
    } else {
      const input = grantInput(ctx.form);
      errors = checkGrant(input);
      if (Object.keys(errors).length === 0) {
        const { grantAccess } = await ctx.gateway<{ grantAccess: Payload }>(GRANT_ACCESS, { input });
        if (grantAccess.__typename === 'AccessPayload')
          return ctx.redirect(`${PATH}?done=granted`, grantAccess.position);
        errors = refusalErrors(grantAccess, FIELDS, 'subject');
      }
    }
  }
  const shownPartnership = ctx.query.get('partnership') || undefined;
  const { accessGrants, partnerships } = await ctx.gateway<{
    accessGrants: Grant[];
    partnerships: { id: string; name: string }[];
  }>(ACCESS_GRANTS, shownPartnership ? { partnershipId: shownPartnership } : {});
  // The gateway answers every grant in force (a few hundred at most): paged here, by person.
  const grants = [...accessGrants].sort(
    (a, b) =>
      (a.email ?? a.subject).localeCompare(b.email ?? b.subject) ||
      a.role.localeCompare(b.role) ||
      (a.partnershipName ?? '').localeCompare(b.partnershipName ?? ''),
  );
  const page = pageFrom(ctx.query);
  const listing = { path: PATH, query: ctx.query, page, total: grants.length, noun: 'grants' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const shown = grants.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const done = ctx.query.get('done');
  const typed = (name: string) =>
    ctx.method === 'POST' && ctx.form.get('action') !== 'revoke' ? (ctx.form.get(name) ?? '') : '';
  const partnershipOptions = [...partnerships]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.id, label: p.name }));
  ctx.render(
    'Who has access',
    html`
    ${done ? notice(done === 'granted' ? 'Access granted. It takes effect when the person next signs in.' : 'Access revoked.', 'success') : ''}
    ${problem ? notice(problem) : ''}
    <h1 class="govuk-heading-l">Who has access</h1>
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h2 class="govuk-heading-m">Grant access</h2>
        <form method="post" action="${PATH}" novalidate>
          ${ctx.csrf}
          ${textInput({ id: 'email', label: 'Email address', hint: 'How you know the person; shown in the list below', value: typed('email'), errors, type: 'email', autocomplete: 'off', labelClass: 'govuk-label--s' })}
          ${textInput({ id: 'subject', label: 'Sign-in ID', hint: 'The ID the identity provider gives the person, for example dev-partnership-leeds', value: typed('subject'), errors, labelClass: 'govuk-label--s' })}
          ${choices({ id: 'role', type: 'radio', label: 'What does the person do?', options: ROLES, value: typed('role'), errors })}
          ${select({ id: 'partnershipId', label: 'Partnership', hint: 'For partnership and partner agency users only', options: partnershipOptions, value: typed('partnershipId'), placeholder: 'Choose a partnership', errors, labelClass: 'govuk-label--s' })}
          ${button({ text: 'Grant access' })}
        </form>
      </div>
    </div>
    <h2 class="govuk-heading-m">Access in force</h2>
    <form method="get" action="${PATH}" novalidate>
      ${select({ id: 'partnership', label: 'Show access for', options: partnershipOptions, value: shownPartnership ?? '', placeholder: 'Everyone', labelClass: 'govuk-label--s' })}
      ${button({ text: 'Show', secondary: true })}
    </form>
    ${listCount(listing)}
    ${
      shown.length
        ? table({
            caption: 'Access in force',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            head: ['Person', 'Role', 'Partnership', 'Since', 'Action'],
            rows: shown.map((g) => [
              g.email ?? 'No email recorded',
              roleName(g.role),
              g.partnershipName ?? '',
              formatDate(g.grantedAt.slice(0, 10)),
              html`<form method="post" action="${PATH}" novalidate>${ctx.csrf}
                <input type="hidden" name="subject" value="${g.subject}">
                <input type="hidden" name="role" value="${g.role}">
                ${g.partnershipId ? html`<input type="hidden" name="partnershipId" value="${g.partnershipId}">` : ''}
                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" name="action" value="revoke">Revoke<span class="govuk-visually-hidden"> ${roleName(g.role)} access for ${g.email ?? 'this person'}</span></button>
              </form>`,
            ]),
          })
        : ''
    }
    ${pagination(listing)}
  `,
    { errors },
  );
};
