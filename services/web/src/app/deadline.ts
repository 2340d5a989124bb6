/**
 * How a deadline is shown: the date in words and the days left, with overdue in red and due this week in amber.
 * The gateway computes working days left for today in England; this only words it.
 */
import { dateInWords } from '@cspr/domain';
import { html, type Html } from './html';

export type DeadlineLike = {
  kind: string;
  dueOn: string;
  workingDaysLeft?: number | null;
  overdue?: boolean;
  dueThisWeek?: boolean;
  metOn?: string | null;
  cancelled?: boolean;
};

/** `2026-11-22` → `22 November 2026` (GOV.UK date style); nothing for a missing date. */
export const formatDate = (isoDate: string | null | undefined): string => (isoDate ? dateInWords(isoDate) : '');

export type DeadlineState = 'met' | 'cancelled' | 'overdue' | 'due-this-week' | 'open';

export const deadlineState = (d: DeadlineLike): DeadlineState =>
  d.cancelled ? 'cancelled' : d.metOn ? 'met' : d.overdue ? 'overdue' : d.dueThisWeek ? 'due-this-week' : 'open';

/** "3 working days left", "due today", "2 working days overdue". */
export const daysLeftText = (d: DeadlineLike): string => {
  const state = deadlineState(d);
  if (state === 'met') return `done ${formatDate(d.metOn)}`;
  if (state === 'cancelled') return 'no longer needed';
  const left = d.workingDaysLeft;
  if (left === null || left === undefined) return '';
  if (left === 0) return 'due today';
  const n = Math.abs(left);
  const days = `${n} working day${n === 1 ? '' : 's'}`;
  return left > 0 ? `${days} left` : `${days} overdue`;
};

const TAG: Record<DeadlineState, { css: string; word: string }> = {
  overdue: { css: 'govuk-tag--red', word: 'Overdue' },
  'due-this-week': { css: 'govuk-tag--orange', word: 'Due this week' },
  open: { css: 'govuk-tag--blue', word: 'Open' },
  met: { css: 'govuk-tag--green', word: 'Done' },
  cancelled: { css: 'govuk-tag--grey', word: 'Not needed' },
};

/** A status tag whose word carries the meaning, so colour is never the only cue (WCAG 1.4.1). */
export const deadlineTag = (d: DeadlineLike): Html => {
  const tag = TAG[deadlineState(d)];
  return html`<strong class="govuk-tag ${tag.css}">${tag.word}</strong>`;
};

/** Date, days left and tag in one cell. */
export const deadlineCell = (d: DeadlineLike): Html =>
  html`<span class="app-deadline app-deadline--${deadlineState(d)}">${formatDate(d.dueOn)}<br><span class="govuk-body-s">${daysLeftText(d)}</span></span> ${deadlineTag(d)}`;
