/**
 * Find any incident (Panel; a partnership gets its own through the same query): by case reference, partnership,
 * local authority (chosen by name), nature, status and notification dates, most urgent first or newest first, with
 * page numbers and the true total; the same list as CSV. A GET form, so a search is a link that can be shared.
 */
import { csvLink, everyPage, listCount, PAGE_SIZE, pageFrom, pagination, pastLastPage, toCsv } from '../app/listing';
import { localAuthoritySelect, select, table, textInput, type FieldErrors } from '../app/components';
import { formatDate } from '../app/deadline';
import { html } from '../app/html';
import { INCIDENT_STATUSES, labelOf, NATURES } from '../app/vocabulary';
import { LOCAL_AUTHORITIES_AND_PARTNERSHIPS, SEARCH_INCIDENTS } from '../operations';
import type { PageContext } from '../server/page';

type Listed = {
  id: string;
  reference: string | null;
  partnershipName: string;
  localAuthorityName: string;
  nature: string;
  status: string;
  incidentOn: string;
  notifiedOn: string;
  overdue: boolean;
  nextDueOn: string | null;
};
type Found = { incidents: { totalCount: number; edges: { node: Listed }[] } };

const REFERENCE = /^\s*(INC|inc)-\d{4}-\d{5,}\s*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ORDERS = [
  { value: 'MOST_URGENT', label: 'Most urgent first' },
  { value: 'NEWEST', label: 'Newest notification first' },
];

const filtersOf = (query: URLSearchParams) => {
  const errors: FieldErrors = {};
  const value = (name: string) => query.get(name)?.trim() || undefined;
  const reference = value('reference');
  if (reference && !REFERENCE.test(reference)) errors.reference = 'Enter a reference like INC-2026-00123';
  for (const [name, what] of [
    ['notifiedFrom', 'from'],
    ['notifiedTo', 'to'],
  ] as const) {
    const date = value(name);
    if (date && (!DATE.test(date) || Number.isNaN(Date.parse(date))))
      errors[name] = `Enter the ${what} date as YYYY-MM-DD, for example 2026-04-01`;
  }
  const variables = {
    reference,
    partnershipId: value('partnershipId'),
    localAuthorityCode: value('localAuthorityCode'),
    nature: value('nature'),
    status: value('status'),
    notifiedFrom: errors.notifiedFrom ? undefined : value('notifiedFrom'),
    notifiedTo: errors.notifiedTo ? undefined : value('notifiedTo'),
    order: value('order') ?? 'MOST_URGENT',
  };
  return { errors, variables: Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined)) };
};

const statusText = (i: Listed) => `${labelOf(INCIDENT_STATUSES, i.status)}${i.overdue ? ' (overdue)' : ''}`;

export const incidentSearchPage = async (ctx: PageContext) => {
  const { errors, variables } = filtersOf(ctx.query);
  const search = async (page: number, first: number) => {
    const found = await ctx.gateway<Found>(SEARCH_INCIDENTS, { ...variables, first, page });
    return { items: found.incidents.edges.map((e) => e.node), total: found.incidents.totalCount };
  };
  if (ctx.query.get('format') === 'csv' && Object.keys(errors).length === 0) {
    const all = await everyPage((page) => search(page, 100));
    ctx.sendCsv(
      'incidents.csv',
      toCsv(
        [
          'Reference',
          'Partnership',
          'Local authority',
          'What happened',
          'Incident date',
          'Notified',
          'Status',
          'Next due',
        ],
        all.map((i) => [
          i.reference,
          i.partnershipName,
          i.localAuthorityName,
          labelOf(NATURES, i.nature),
          i.incidentOn,
          i.notifiedOn,
          statusText(i),
          i.nextDueOn,
        ]),
      ),
    );
    return;
  }
  const page = pageFrom(ctx.query);
  const [{ localAuthorities, partnerships }, found] = await Promise.all([
    ctx.gateway<{ localAuthorities: { code: string; name: string }[]; partnerships: { id: string; name: string }[] }>(
      LOCAL_AUTHORITIES_AND_PARTNERSHIPS,
    ),
    Object.keys(errors).length ? Promise.resolve({ items: [], total: 0 }) : search(page, PAGE_SIZE),
  ]);
  const listing = { path: '/panel/incidents', query: ctx.query, page, total: found.total, noun: 'incidents' };
  const beyond = pastLastPage(listing);
  if (beyond) return ctx.redirect(beyond);
  const q = (name: string) => ctx.query.get(name) ?? '';
  ctx.render(
    'Find an incident',
    html`
    <h1 class="govuk-heading-l">Find an incident</h1>
    <form method="get" action="/panel/incidents" novalidate>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          ${textInput({ id: 'reference', label: 'Reference', hint: 'For example INC-2026-00123', value: q('reference'), errors, labelClass: 'govuk-label--s' })}
          ${select({
            id: 'partnershipId',
            label: 'Partnership',
            placeholder: 'Any partnership',
            value: q('partnershipId'),
            labelClass: 'govuk-label--s',
            options: partnerships.map((p) => ({ value: p.id, label: p.name })),
          })}
          ${localAuthoritySelect({
            id: 'localAuthorityCode',
            label: 'Local authority',
            placeholder: 'Any local authority',
            value: q('localAuthorityCode'),
            labelClass: 'govuk-label--s',
            localAuthorities,
          })}
        </div>
        <div class="govuk-grid-column-one-third">
          ${select({ id: 'nature', label: 'What happened', placeholder: 'Any', value: q('nature'), options: NATURES, labelClass: 'govuk-label--s' })}
          ${select({ id: 'status', label: 'Status', placeholder: 'Any', value: q('status'), options: INCIDENT_STATUSES, labelClass: 'govuk-label--s' })}
          ${select({ id: 'order', label: 'Order', value: q('order') || 'MOST_URGENT', options: ORDERS, labelClass: 'govuk-label--s' })}
        </div>
        <div class="govuk-grid-column-one-third">
          ${textInput({ id: 'notifiedFrom', label: 'Notified from', hint: 'YYYY-MM-DD', value: q('notifiedFrom'), errors, width: 'govuk-input--width-10', labelClass: 'govuk-label--s' })}
          ${textInput({ id: 'notifiedTo', label: 'Notified to', hint: 'YYYY-MM-DD', value: q('notifiedTo'), errors, width: 'govuk-input--width-10', labelClass: 'govuk-label--s' })}
        </div>
      </div>
      <button type="submit" class="govuk-button" data-module="govuk-button">Search</button>
    </form>
    ${listCount(listing)}
    ${
      found.items.length
        ? table({
            caption: 'Incidents found',
            captionClass: 'govuk-table__caption--s govuk-visually-hidden',
            head: ['Reference', 'Partnership and local authority', 'What happened', 'Notified', 'Status'],
            rows: found.items.map((i) => [
              html`<a class="govuk-link" href="/panel/incidents/${i.id}">${i.reference ?? 'No reference yet'}</a>`,
              html`${i.partnershipName}<br><span class="govuk-body-s">${i.localAuthorityName}</span>`,
              labelOf(NATURES, i.nature),
              formatDate(i.notifiedOn),
              i.overdue
                ? html`${labelOf(INCIDENT_STATUSES, i.status)} <strong class="govuk-tag govuk-tag--red">Overdue</strong>`
                : labelOf(INCIDENT_STATUSES, i.status),
            ]),
          })
        : ''
    }
    ${pagination(listing)}
    ${found.total ? csvLink('/panel/incidents', ctx.query, 'these incidents') : ''}
  `,
    { errors },
  );
};
