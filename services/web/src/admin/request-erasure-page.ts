/**
 * The first admin's half of four-eyes erasure: name the incident by its reference (admins read no case records, so
 * the reference is what the person, the court or the retention schedule gives) and the legal basis. Nothing is
 * erased until a second administrator approves it on the erasure requests page.
 */
import { backLink, button, choices, textInput, warning, type FieldErrors } from '../app/components';
import { html } from '../app/html';
import { REQUEST_ERASURE } from '../operations';
import type { PageContext } from '../server/page';
import { LEGAL_BASES } from './admin-words';

type Payload = { __typename: string; position?: string; message?: string; field?: string | null };

const REFERENCE = /^INC-\d{4}-\d{5,}$/;

export const requestErasurePage = async (ctx: PageContext) => {
  const errors: FieldErrors = {};
  const reference = ((ctx.method === 'POST' ? ctx.form.get('reference') : ctx.query.get('reference')) ?? '')
    .trim()
    .toUpperCase();
  const legalBasis = ctx.form.get('legalBasis') ?? '';
  if (ctx.method === 'POST') {
    if (!REFERENCE.test(reference)) errors.reference = 'Enter the incident reference, like INC-2026-00123';
    if (!LEGAL_BASES.some((b) => b.value === legalBasis)) errors.legalBasis = 'Select the legal basis for erasure';
    if (Object.keys(errors).length === 0) {
      const { requestErasure } = await ctx.gateway<{ requestErasure: Payload }>(REQUEST_ERASURE, {
        input: { incidentId: reference, legalBasis },
      });
      if (requestErasure.__typename === 'IncidentPayload')
        return ctx.redirect('/admin/erasure-requests?done=requested', requestErasure.position);
      errors[requestErasure.field === 'legalBasis' ? 'legalBasis' : 'reference'] =
        requestErasure.__typename === 'NotFoundError'
          ? `No incident has the reference ${reference}`
          : (requestErasure.message ?? 'The erasure could not be requested');
    }
  }
  ctx.render(
    'Request erasure of personal data',
    html`
    ${backLink('/admin/erasure-requests', 'Back to erasure requests')}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Request erasure of personal data</h1>
    <p class="govuk-body">Erasure destroys the key to the children's names, dates of birth and the case details of the
      incident and its reviews. The record that an incident was notified, its dates and its deadlines stay.</p>
    ${warning('Another administrator must approve the request before anything is erased.')}
    <form method="post" action="/admin/erasure-requests/new" novalidate>
      ${ctx.csrf}
      ${textInput({ id: 'reference', label: 'Incident reference', hint: 'For example, INC-2026-00123', value: reference, errors, width: 'govuk-input--width-20', labelClass: 'govuk-label--s' })}
      ${choices({ id: 'legalBasis', type: 'radio', label: 'Legal basis', options: LEGAL_BASES, value: legalBasis, errors })}
      ${button({ text: 'Request erasure' })}
    </form>
    </div></div>
  `,
    { errors },
  );
};
