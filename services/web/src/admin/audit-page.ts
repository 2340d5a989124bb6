/**
 * The personal-data read audit for administrators (the data-protection duty): who read which record's personal
 * data, when, which fields and why; filtered by person, record reference and days; page numbers with the true
 * total, and the same list as CSV. The audit holds field names, never the values read.
 */
import { table, textInput, type FieldErrors } from '../app/components';
import { html } from '../app/html';
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';
import { PERSONAL_DATA_READS } from '../operations';
import type { PageContext } from '../server/page';

type Read = {
  at: string;
  readerId: string;
  readerName: string;
  role: string;
  partnershipName: string | null;
  subjectReference: string | null;
  fields: string[];
  purpose: string | null;
};
type Reads = { personalDataReads: { totalCount: number; edges: { node: Read }[] } };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const whenOf = (at: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(at),
  );

export const auditPage = async (ctx: PageContext) => {
  const errors: FieldErrors = {};
  const value = (name: string) => ctx.query.get(name)?.trim() || undefined;
  for (const name of ['from', 'to']) {
    const date = value(name);
    if (date && (!DATE.test(date) || Number.isNaN(Date.parse(date))))
      errors[name] = `Enter the ${name} date as YYYY-MM-DD, for example 2026-04-01`;
  }
  const subject = value('subject');
  if (subject && !/^(INC|REV)-\d{4}-\d{5,}$/i.test(subject))
    errors.subject = 'Enter a reference like INC-2026-00123 or REV-2026-00045';
  const variables = Object.fromEntries(
    Object.entries({ readerId: value('readerId'), subject, from: value('from'), to: value('to') }).filter(([, v]) => v),
  );
  const read = async (page: number, first: number) => {
    const { personalDataReads } = await ctx.gateway<Reads>(PERSONAL_DATA_READS, { ...variables, first, page });
    return { items: personalDataReads.edges.map((e) => e.node), total: personalDataReads.totalCount };
  };
  const valid = Object.keys(errors).length === 0;
  if (ctx.query.get('format') === 'csv' && valid) {
    const all = await everyPage((page) => read(page, 100));
    ctx.sendCsv(
      'personal-data-reads.csv',
      toCsv(
        ['When (UTC)', 'Reader', 'Role', 'Partnership', 'Record', 'Fields read', 'Purpose'],
        all.map((r) => [
          r.at,
          r.readerName,
          r.role,
          r.partnershipName,
          r.subjectReference,
          r.fields.join('; '),
          r.purpose,
        ]),
      ),
    );
    return;
  }
  const page = pageFrom(ctx.query);
  const { items, total } = valid ? await read(page, PAGE_SIZE) : { items: [], total: 0 };
  const listing = { path: '/admin/audit', query: ctx.query, page, total, noun: 'reads' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const q = (name: string) => ctx.query.get(name) ?? '';
  ctx.render(
    'Who read personal data',
    html`
    <h1 class="govuk-heading-l">Who read personal data</h1>
    <p class="govuk-body">Every read of a child's personal data is recorded: who, when, which fields and why. The values read are never recorded.</p>
    <form method="get" action="/admin/audit" novalidate>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          ${textInput({ id: 'readerId', label: 'Person (email or user id)', value: q('readerId'), labelClass: 'govuk-label--s' })}
          ${textInput({ id: 'subject', label: 'Record reference', hint: 'For example INC-2026-00123', value: q('subject'), errors, labelClass: 'govuk-label--s' })}
        </div>
        <div class="govuk-grid-column-one-half">
          ${textInput({ id: 'from', label: 'Read from', hint: 'YYYY-MM-DD', value: q('from'), errors, width: 'govuk-input--width-10', labelClass: 'govuk-label--s' })}
          ${textInput({ id: 'to', label: 'Read to', hint: 'YYYY-MM-DD', value: q('to'), errors, width: 'govuk-input--width-10', labelClass: 'govuk-label--s' })}
        </div>
      </div>
      <button type="submit" class="govuk-button" data-module="govuk-button">Show reads</button>
    </form>
    ${valid ? listCount(listing) : ''}
    ${
      items.length
        ? table({
            caption: 'Reads of personal data',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            head: ['When', 'Who', 'Record', 'Fields read', 'Why'],
            rows: items.map((r) => [
              whenOf(r.at),
              html`${r.readerName}<br><span class="govuk-body-s">${r.role}${r.partnershipName ? `, ${r.partnershipName}` : ''}</span>`,
              r.subjectReference ?? 'Unknown record',
              r.fields.join(', '),
              r.purpose ?? '',
            ]),
          })
        : ''
    }
    ${pagination(listing)}
    ${total ? csvLink('/admin/audit', ctx.query, 'these reads') : ''}
  `,
    { errors },
  );
};
