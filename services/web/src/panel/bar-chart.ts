/**
 * An accessible bar chart: plain HTML bars sized by CSS, hidden from assistive technology because the same numbers
 * are given in a table right after it (GOV.UK guidance: never a chart without its data as a table). Widths are
 * classes in steps of 5% (app.css), since the content security policy forbids inline style attributes and the
 * chart must show without JavaScript.
 */
import { table } from '../app/components';
import { html, type Html } from '../app/html';

export type Bar = { label: string; value: number | null; display: string };

/** The bar's width in steps of 5%, at least one step so a small count still shows. */
const widthStep = (value: number | null, max: number): number =>
  value === null ? 0 : Math.max(5, Math.round((value / max) * 20) * 5);

export const barChart = (o: {
  title: string;
  bars: Bar[];
  unit?: string;
  max?: number;
  valueHeading?: string;
}): Html => {
  const max = o.max ?? Math.max(1, ...o.bars.map((b) => b.value ?? 0));
  return html`<figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
    <figcaption class="govuk-heading-s">${o.title}</figcaption>
    <ul class="app-bar-chart" aria-hidden="true">
      ${o.bars.map(
        (b) =>
          html`<li class="app-bar-chart__row">
            <span class="govuk-body-s govuk-!-margin-0">${b.label}</span>
            <span
              class="app-bar-chart__bar app-bar-chart__bar--w${widthStep(b.value, max)}${b.value === null ? ' app-bar-chart__bar--secondary' : ''}"
              >${b.display}${o.unit ?? ''}</span
            >
          </li>`,
      )}
    </ul>
    ${table({ caption: `${o.title} (table)`, captionClass: 'govuk-table__caption--s', head: ['', o.valueHeading ?? 'Number'], numeric: [1], rows: o.bars.map((b) => [b.label, `${b.display}${b.value !== null ? (o.unit ?? '') : ''}`]) })}
  </figure>`;
};
