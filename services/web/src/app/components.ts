/**
 * GOV.UK Design System components for page builders written in TypeScript: each call renders the govuk-frontend
 * (or MoJ) Nunjucks macro itself, so labels, hints, error messages and aria-describedby links are the Design
 * System's own markup, never a hand copy.
 */
import { html, type Html } from './html';
import type { Option } from './vocabulary';
import { content, macro } from '../server/macros';

export type FieldErrors = Record<string, string>;

type FieldOptions = {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  labelClass?: string;
};

const errorOf = (o: FieldOptions) => (o.errors?.[o.id] ? { text: o.errors[o.id] } : false);
const hintOf = (hint?: string) => (hint ? { text: hint } : undefined);

export const textInput = (
  o: FieldOptions & { value?: string; type?: string; width?: string; autocomplete?: string; inputmode?: string },
): Html =>
  macro('govuk', 'input', {
    id: o.id,
    name: o.name ?? o.id,
    type: o.type ?? 'text',
    value: o.value ?? '',
    label: { text: o.label, classes: o.labelClass ?? '' },
    hint: hintOf(o.hint),
    errorMessage: errorOf(o),
    classes: o.width ?? '',
    autocomplete: o.autocomplete,
    inputmode: o.inputmode,
    spellcheck: false,
  });

export const textarea = (o: FieldOptions & { value?: string; rows?: number }): Html =>
  macro('govuk', 'textarea', {
    id: o.id,
    name: o.name ?? o.id,
    value: o.value ?? '',
    rows: o.rows ?? 5,
    label: { text: o.label, classes: o.labelClass ?? '' },
    hint: hintOf(o.hint),
    errorMessage: errorOf(o),
  });

export const select = (
  o: FieldOptions & { options: Option[]; value?: string; placeholder?: string; attributes?: Record<string, string> },
): Html =>
  macro('govuk', 'select', {
    id: o.id,
    name: o.name ?? o.id,
    label: { text: o.label, classes: o.labelClass ?? '' },
    hint: hintOf(o.hint),
    errorMessage: errorOf(o),
    ...(o.attributes ? { attributes: o.attributes } : {}),
    items: [
      ...(o.placeholder !== undefined ? [{ value: '', text: o.placeholder }] : []),
      ...o.options.map((opt) => ({ value: opt.value, text: opt.label, selected: opt.value === o.value })),
    ],
  });

/** Radios or checkboxes in a fieldset: the first item carries the id, so error summary links land on it. */
export const choices = (
  o: FieldOptions & {
    type: 'radio' | 'checkbox';
    options: Option[];
    value?: string | string[];
    legendClass?: string;
    inline?: boolean;
    small?: boolean;
    conditional?: Record<string, Html>;
  },
): Html => {
  const values = Array.isArray(o.value) ? o.value : o.value ? [o.value] : [];
  const kind = o.type === 'radio' ? 'radios' : 'checkboxes';
  return macro('govuk', kind, {
    idPrefix: o.id,
    name: o.name ?? o.id,
    fieldset: { legend: { text: o.label, classes: o.legendClass ?? 'govuk-fieldset__legend--s' } },
    hint: hintOf(o.hint),
    errorMessage: errorOf(o),
    classes: [o.inline ? `govuk-${kind}--inline` : '', o.small ? `govuk-${kind}--small` : ''].join(' ').trim(),
    items: o.options.map((opt) => ({
      value: opt.value,
      text: opt.label,
      hint: hintOf(opt.hint),
      checked: values.includes(opt.value),
      ...(o.conditional?.[opt.value] ? { conditional: { html: String(o.conditional[opt.value]) } } : {}),
    })),
  });
};

export const YES_NO: Option[] = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** The error summary at the top of the page, each message a link to its field. */
export const errorSummary = (errors: FieldErrors): Html => {
  const entries = Object.entries(errors);
  if (!entries.length) return html``;
  return macro('govuk', 'error-summary', {
    titleText: 'There is a problem',
    errorList: entries.map(([id, text]) => ({ text, href: `#${id}` })),
  });
};

export const summaryList = (rows: [string, Html | string | number | null | undefined][]): Html =>
  macro('govuk', 'summary-list', {
    rows: rows.map(([key, value]) => ({
      key: { text: key },
      value:
        value === null || value === undefined || value === ''
          ? { html: '<span class="govuk-hint govuk-!-margin-0">Not given</span>' }
          : content(value),
    })),
  });

export const table = (o: {
  caption: string;
  captionClass?: string;
  head: string[];
  rows: (Html | string | number)[][];
  sortable?: boolean;
  numeric?: number[];
}): Html =>
  macro('govuk', 'table', {
    caption: o.caption,
    captionClasses: o.captionClass ?? 'govuk-table__caption--m',
    attributes: o.sortable ? { 'data-module': 'moj-sortable-table' } : {},
    head: o.head.map((text, i) => ({
      text,
      ...(o.numeric?.includes(i) ? { format: 'numeric' } : {}),
      ...(o.sortable ? { attributes: { 'aria-sort': 'none' } } : {}),
    })),
    rows: o.rows.map((row) =>
      row.map((cell, i) => ({ ...content(cell), ...(o.numeric?.includes(i) ? { format: 'numeric' } : {}) })),
    ),
  });

export const backLink = (href: string, text = 'Back'): Html => macro('govuk', 'back-link', { href, text });

export const notice = (text: string, kind: 'success' | 'important' = 'important'): Html =>
  macro('govuk', 'notification-banner', {
    text,
    type: kind === 'success' ? 'success' : undefined,
    titleId: 'banner-title',
  });

export const warning = (text: string): Html => macro('govuk', 'warning-text', { text, iconFallbackText: 'Warning' });

export const button = (o: {
  text: string;
  href?: string;
  secondary?: boolean;
  warning?: boolean;
  name?: string;
  value?: string;
}): Html =>
  macro('govuk', 'button', {
    text: o.text,
    href: o.href,
    classes: o.secondary ? 'govuk-button--secondary' : o.warning ? 'govuk-button--warning' : '',
    name: o.name,
    value: o.value,
    ...(o.href ? {} : { type: 'submit' }),
    preventDoubleClick: !o.href,
  });

/** The GOV.UK date input: day, month and year boxes; the day box carries the field id for error links. */
export const dateInput = (o: FieldOptions & { value?: { day: string; month: string; year: string } }): Html => {
  const v = o.value ?? { day: '', month: '', year: '' };
  const error = o.errors?.[o.id];
  const box = (part: 'day' | 'month' | 'year', width: number) => ({
    id: part === 'day' ? o.id : `${o.id}-${part}`,
    name: part,
    value: v[part],
    classes: `govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`,
  });
  return macro('govuk', 'date-input', {
    id: `${o.id}-group`,
    namePrefix: o.id,
    fieldset: { legend: { text: o.label, classes: o.labelClass ?? 'govuk-fieldset__legend--s' } },
    hint: hintOf(o.hint),
    errorMessage: errorOf(o),
    items: [box('day', 2), box('month', 2), box('year', 4)],
  });
};

/** The hidden CSRF field every form carries (the sign-in module checks it on every post). */
export const csrfField = (token: string | undefined): Html =>
  token ? html`<input type="hidden" name="_csrf" value="${token}">` : html``;

/**
 * A local authority chosen by name, never typed as a code: a GOV.UK select over every authority, which GDS's
 * accessible autocomplete turns into a type-ahead box when JavaScript runs (app.mjs). Without JavaScript it stays
 * a select, and the value sent is the authority's code either way.
 */
export const localAuthoritySelect = (
  o: FieldOptions & { localAuthorities: { code: string; name: string }[]; value?: string; placeholder?: string },
): Html =>
  select({
    ...o,
    placeholder: o.placeholder ?? '',
    attributes: { 'data-module': 'app-autocomplete' },
    options: [...o.localAuthorities]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((la) => ({ value: la.code, label: la.name })),
  });

/**
 * "Print this page", as GOV.UK's print link: a button that opens the browser's print dialogue, shown only when
 * JavaScript runs; without it the same place says how to print from the browser. The print stylesheet hides both.
 */
export const printLink = (): Html =>
  html`<div class="app-print-link"><button type="button" class="govuk-button govuk-button--secondary app-print-link__button" data-module="app-print-link">Print this page</button><p class="govuk-body-s app-print-link__note">To print this page, use your browser’s print option (Ctrl and P, or Cmd and P on a Mac).</p></div>`;
