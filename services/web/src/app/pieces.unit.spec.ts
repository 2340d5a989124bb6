/** The browser app's small pure pieces: escaping, dates, deadlines in words, and vocabulary. */
import { describe, expect, it } from 'vitest';
import { checkDate, isoFromParts, partsFromIso } from './dates';
import { daysLeftText, deadlineState, formatDate } from './deadline';
import { html } from './html';
import { localAuthoritySelect } from './components';
import { AGE_BANDS, is, labelOf, NATURES } from './vocabulary';

describe('html', () => {
  it('escapes interpolated text but keeps nested html', () => {
    const name = '<script>alert("x")</script> & Co';
    expect(String(html`<p>${name}</p>${html`<b>${'ok'}</b>`}`)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</p><b>ok</b>',
    );
  });
  it('renders arrays and drops null, undefined and false', () => {
    expect(String(html`${[1, 2].map((n) => html`<i>${n}</i>`)}${null}${undefined}${false}`)).toBe('<i>1</i><i>2</i>');
  });
});

describe('dates', () => {
  it('accepts only real dates', () => {
    expect(isoFromParts({ day: '29', month: '2', year: '2024' })).toBe('2024-02-29');
    expect(isoFromParts({ day: '29', month: '2', year: '2025' })).toBeUndefined();
    expect(isoFromParts({ day: '1', month: '13', year: '2025' })).toBeUndefined();
    expect(partsFromIso('2026-03-07')).toEqual({ day: '7', month: '3', year: '2026' });
  });
  it('explains date problems in plain words', () => {
    const today = '2026-11-22';
    expect(checkDate({ day: '', month: '', year: '' }, 'the incident date', today)).toBe('Enter the incident date');
    expect(checkDate({ day: '31', month: '11', year: '2026' }, 'the incident date', today)).toBe(
      'The incident date must be a real date, for example 27 3 2026',
    );
    expect(checkDate({ day: '23', month: '11', year: '2026' }, 'the incident date', today)).toBe(
      'The incident date must be today or in the past',
    );
    expect(
      checkDate({ day: '21', month: '11', year: '2026' }, 'the incident date', today, {
        notAfter: { iso: '2026-11-20', what: 'the date you became aware' },
      }),
    ).toBe('The incident date must be the same as or before the date you became aware');
  });
});

describe('deadlines in words', () => {
  it('names the state and the working days left or overdue', () => {
    expect(formatDate('2026-12-04')).toBe('4 December 2026');
    expect(daysLeftText({ kind: 'rapid-review', dueOn: '2026-12-04', workingDaysLeft: 1 })).toBe('1 working day left');
    expect(daysLeftText({ kind: 'rapid-review', dueOn: '2026-12-04', workingDaysLeft: 0 })).toBe('due today');
    expect(daysLeftText({ kind: 'rapid-review', dueOn: '2026-12-04', workingDaysLeft: -3, overdue: true })).toBe(
      '3 working days overdue',
    );
    expect(daysLeftText({ kind: 'notification', dueOn: '2026-12-04', metOn: '2026-12-01' })).toBe(
      'done 1 December 2026',
    );
    expect(deadlineState({ kind: 'x', dueOn: '2026-12-04', overdue: true })).toBe('overdue');
    expect(deadlineState({ kind: 'x', dueOn: '2026-12-04', dueThisWeek: true })).toBe('due-this-week');
    expect(deadlineState({ kind: 'x', dueOn: '2026-12-04', cancelled: true, overdue: true })).toBe('cancelled');
  });
});

describe('vocabulary', () => {
  it('labels GraphQL names and domain values alike, including digit-prefixed names', () => {
    expect(labelOf(NATURES, 'SERIOUS_HARM')).toBe('Serious harm');
    expect(labelOf(NATURES, 'serious-harm')).toBe('Serious harm');
    expect(labelOf(AGE_BANDS, 'AGE_1_5')).toBe('1 to 5');
    expect(labelOf(AGE_BANDS, 'AGE_16_PLUS')).toBe('16 and over');
    expect(is('NATIONAL_THEMATIC_REVIEW', 'national-thematic-review')).toBe(true);
    expect(is('NATIONAL_REVIEW', 'national-thematic-review')).toBe(false);
    expect(is(null, 'agreed')).toBe(false);
  });
});

describe('local authority choice', () => {
  const localAuthorities = [
    { code: 'E08000035', name: 'Leeds' },
    { code: 'E08000032', name: 'Bradford' },
  ];
  it('is a select of names in alphabetical order whose values are the codes, marked for the autocomplete', () => {
    const markup = String(
      localAuthoritySelect({ id: 'la', label: 'Local authority', localAuthorities, value: 'E08000035' }),
    );
    expect(markup).toContain('data-module="app-autocomplete"');
    expect(markup.indexOf('>Bradford<')).toBeLessThan(markup.indexOf('>Leeds<'));
    expect(markup).toContain('<option value="E08000035" selected>Leeds</option>');
    expect(markup).toContain('<option value="">');
  });
});
