/**
 * GOV.UK Design System components as small render functions (the Nunjucks macros' markup, by hand), so pages
 * keep the labels, hints, error messages and aria-describedby links the Design System's research relies on.
 */
import { html, type Html } from './html';
import type { Option } from './vocabulary';

export type FieldErrors = Record<string, string>;

type FieldOptions = { id: string; name?: string; label: string; hint?: string; errors?: FieldErrors; labelClass?: string };

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

const hintOf = (id: string, hint?: string) => (hint ? html`<div id="${id}-hint" class="govuk-hint">${hint}</div>` : '');
const errorOf = (id: string, error?: string) =>
  html`<p id="${id}-error" class="govuk-error-message" ${error ? '' : html`hidden`}><span class="govuk-visually-hidden">Error:</span> <span data-error-text>${error ?? ''}</span></p>`;
const groupClass = (error?: string) => `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;
const attr = (name: string, value: string | undefined) => (value ? html` ${name}="${value}"` : '');

export const textInput = (o: FieldOptions & { value?: string; type?: string; width?: string; autocomplete?: string; inputmode?: string }): Html => {
  const error = o.errors?.[o.id];
  return html`<div class="${groupClass(error)}" data-field="${o.id}">
    <label class="govuk-label ${o.labelClass ?? ''}" for="${o.id}">${o.label}</label>${hintOf(o.id, o.hint)}${errorOf(o.id, error)}
    <input class="govuk-input ${o.width ?? ''}${error ? ' govuk-input--error' : ''}" id="${o.id}" name="${o.name ?? o.id}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${attr('aria-describedby', describedBy(o.id, o.hint, error))}${attr('autocomplete', o.autocomplete)}${attr('inputmode', o.inputmode)} spellcheck="false">
  </div>`;
};

export const textarea = (o: FieldOptions & { value?: string; rows?: number }): Html => {
  const error = o.errors?.[o.id];
  return html`<div class="${groupClass(error)}" data-field="${o.id}">
    <label class="govuk-label ${o.labelClass ?? ''}" for="${o.id}">${o.label}</label>${hintOf(o.id, o.hint)}${errorOf(o.id, error)}
    <textarea class="govuk-textarea${error ? ' govuk-textarea--error' : ''}" id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 5}"${attr('aria-describedby', describedBy(o.id, o.hint, error))}>${o.value ?? ''}</textarea>
  </div>`;
};

export const select = (o: FieldOptions & { options: Option[]; value?: string; placeholder?: string }): Html => {
  const error = o.errors?.[o.id];
  return html`<div class="${groupClass(error)}" data-field="${o.id}">
    <label class="govuk-label ${o.labelClass ?? ''}" for="${o.id}">${o.label}</label>${hintOf(o.id, o.hint)}${errorOf(o.id, error)}
    <select class="govuk-select${error ? ' govuk-select--error' : ''}" id="${o.id}" name="${o.name ?? o.id}"${attr('aria-describedby', describedBy(o.id, o.hint, error))}>
      ${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : ''}
      ${o.options.map((opt) => html`<option value="${opt.value}" ${opt.value === o.value ? html`selected` : ''}>${opt.label}</option>`)}
    </select>
  </div>`;
};

/** Radios or checkboxes in a fieldset: the first item carries the id so error summary links land on it. */
export const choices = (o: FieldOptions & { type: 'radio' | 'checkbox'; options: Option[]; value?: string | string[]; legendClass?: string; inline?: boolean; small?: boolean; conditional?: Record<string, Html> }): Html => {
  const error = o.errors?.[o.id];
  const values = Array.isArray(o.value) ? o.value : o.value ? [o.value] : [];
  const kind = o.type === 'radio' ? 'radios' : 'checkboxes';
  return html`<div class="${groupClass(error)}" data-field="${o.id}">
    <fieldset class="govuk-fieldset"${attr('aria-describedby', describedBy(o.id, o.hint, error))}>
      <legend class="govuk-fieldset__legend ${o.legendClass ?? 'govuk-fieldset__legend--s'}">${o.label}</legend>${hintOf(o.id, o.hint)}${errorOf(o.id, error)}
      <div class="govuk-${kind}${o.inline ? ` govuk-${kind}--inline` : ''}${o.small ? ` govuk-${kind}--small` : ''}" data-module="govuk-${kind}">
        ${o.options.map((opt, i) => {
          const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
          return html`<div class="govuk-${kind}__item">
            <input class="govuk-${kind}__input" id="${id}" name="${o.name ?? o.id}" type="${o.type}" value="${opt.value}" ${values.includes(opt.value) ? html`checked` : ''}${attr('aria-describedby', opt.hint ? `${id}-item-hint` : undefined)}${attr('data-aria-controls', o.conditional?.[opt.value] ? `conditional-${id}` : undefined)}>
            <label class="govuk-label govuk-${kind}__label" for="${id}">${opt.label}</label>
            ${opt.hint ? html`<div id="${id}-item-hint" class="govuk-hint govuk-${kind}__hint">${opt.hint}</div>` : ''}
          </div>
          ${o.conditional?.[opt.value] ? html`<div class="govuk-${kind}__conditional${values.includes(opt.value) ? '' : ` govuk-${kind}__conditional--hidden`}" id="conditional-${id}">${o.conditional[opt.value]}</div>` : ''}`;
        })}
      </div>
    </fieldset>
  </div>`;
};

export const YES_NO: Option[] = [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }];

/** The error summary: shown at the top, focused, each message a link to its field. */
export const errorSummary = (errors: FieldErrors): Html => {
  const entries = Object.entries(errors);
  if (!entries.length) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1">
    <div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
        ${entries.map(([id, message]) => html`<li><a href="#${id}">${message}</a></li>`)}
      </ul></div>
    </div>
  </div>`;
};

export const summaryList = (rows: [string, Html | string | number | null | undefined][]): Html =>
  html`<dl class="govuk-summary-list">${rows.map(([key, value]) => html`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">${value ?? html`<span class="govuk-hint govuk-!-margin-0">Not given</span>`}</dd></div>`)}</dl>`;

export const table = (o: { caption: string; captionClass?: string; head: string[]; rows: (Html | string | number)[][]; sortable?: boolean; numeric?: number[] }): Html =>
  html`<table class="govuk-table" ${o.sortable ? html`data-module="moj-sortable-table"` : ''}>
    <caption class="govuk-table__caption ${o.captionClass ?? 'govuk-table__caption--m'}">${o.caption}</caption>
    <thead class="govuk-table__head"><tr class="govuk-table__row">${o.head.map((h, i) => html`<th scope="col" class="govuk-table__header${o.numeric?.includes(i) ? ' govuk-table__header--numeric' : ''}"${o.sortable ? html` aria-sort="none"` : ''}>${h}</th>`)}</tr></thead>
    <tbody class="govuk-table__body">${o.rows.map((row) => html`<tr class="govuk-table__row">${row.map((cell, i) => html`<td class="govuk-table__cell${o.numeric?.includes(i) ? ' govuk-table__cell--numeric' : ''}">${cell}</td>`)}</tr>`)}</tbody>
  </table>`;

export const backLink = (href: string, text = 'Back'): Html => html`<a href="${href}" class="govuk-back-link">${text}</a>`;

export const notice = (text: string, kind: 'success' | 'important' = 'important'): Html =>
  html`<div class="govuk-notification-banner${kind === 'success' ? ' govuk-notification-banner--success' : ''}" role="${kind === 'success' ? 'alert' : 'region'}" aria-labelledby="banner-title" data-module="govuk-notification-banner">
    <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="banner-title">${kind === 'success' ? 'Success' : 'Important'}</h2></div>
    <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${text}</p></div>
  </div>`;

/** The GOV.UK date input: day, month and year boxes; the day box carries the field id for error links. */
export const dateInput = (o: FieldOptions & { value?: { day: string; month: string; year: string } }): Html => {
  const error = o.errors?.[o.id];
  const v = o.value ?? { day: '', month: '', year: '' };
  const box = (part: 'day' | 'month' | 'year', label: string, width: number) =>
    html`<div class="govuk-date-input__item"><div class="govuk-form-group">
      <label class="govuk-label govuk-date-input__label" for="${part === 'day' ? o.id : `${o.id}-${part}`}">${label}</label>
      <input class="govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}" id="${part === 'day' ? o.id : `${o.id}-${part}`}" name="${o.id}-${part}" type="text" inputmode="numeric" value="${v[part]}">
    </div></div>`;
  return html`<div class="${groupClass(error)}" data-field="${o.id}">
    <fieldset class="govuk-fieldset" role="group"${attr('aria-describedby', describedBy(o.id, o.hint, error))}>
      <legend class="govuk-fieldset__legend ${o.labelClass ?? 'govuk-fieldset__legend--s'}">${o.label}</legend>${hintOf(o.id, o.hint)}${errorOf(o.id, error)}
      <div class="govuk-date-input">${box('day', 'Day', 2)}${box('month', 'Month', 2)}${box('year', 'Year', 4)}</div>
    </fieldset>
  </div>`;
};

/**
 * Shows or clears one field's error in place (validation as you type must not re-render the form and lose focus).
 */
export const showFieldError = (root: HTMLElement, id: string, message: string | undefined): void => {
  const group = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(id)}"]`);
  if (!group) return;
  group.classList.toggle('govuk-form-group--error', Boolean(message));
  const error = group.querySelector<HTMLElement>(`#${CSS.escape(id)}-error`);
  if (error) {
    error.hidden = !message;
    error.querySelector('[data-error-text]')!.textContent = message ?? '';
  }
  // Only this field's own inputs: a conditional reveal may nest another field inside the group.
  const own = (el: Element) => el.closest('[data-field]') === group;
  group.querySelectorAll<HTMLElement>('.govuk-input, .govuk-textarea, .govuk-select').forEach((input) => {
    if (!own(input)) return;
    const kind = input.classList.contains('govuk-textarea') ? 'textarea' : input.classList.contains('govuk-select') ? 'select' : 'input';
    input.classList.toggle(`govuk-${kind}--error`, Boolean(message));
  });
  const described = group.querySelector<HTMLElement>('[aria-describedby], fieldset, input, textarea, select');
  if (described) {
    const ids = new Set((described.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    if (message) ids.add(`${id}-error`);
    else ids.delete(`${id}-error`);
    if (ids.size) described.setAttribute('aria-describedby', [...ids].join(' '));
    else described.removeAttribute('aria-describedby');
  }
};
