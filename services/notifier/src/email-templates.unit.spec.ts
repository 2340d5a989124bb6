import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATE_KINDS } from '@cspr/config';
import { longDate, PERSONALISATION_FIELDS, renderEmail } from './email-templates';

const fields = {
  reference: 'INC-2026-00123',
  local_authority: 'Leeds',
  link: 'https://cspr.test/incidents/6f1c1f9e-0000-4000-8000-000000000001',
  deadline: 'rapid review to the Panel',
  due_date: 'Thursday 22 April 2027',
  when: 'in 2 working days',
  submitted_on: 'Tuesday 20 April 2027',
  partnership: 'Leeds',
  items: '- INC-2026-00123 (Leeds): rapid review to the Panel, due Thursday 22 April 2027',
  count: '1 open deadline',
};

describe('email wording', () => {
  it('has wording for every kind, each naming the reference and the link and nothing undefined', () => {
    for (const kind of EMAIL_TEMPLATE_KINDS) {
      const { subject, body } = renderEmail(kind, fields);
      expect(`${subject}\n${body}`).not.toContain('undefined');
      expect(body).toContain('https://cspr.test/');
      expect(body).toContain('This email holds no personal data');
      if (kind !== 'weekly-digest') expect(subject).toContain('INC-2026-00123');
    }
  });

  it('names the record by its reference where a person reads it; the id is only inside the link', () => {
    for (const kind of EMAIL_TEMPLATE_KINDS) {
      const { subject, body } = renderEmail(kind, fields);
      const withoutLink = `${subject}\n${body}`.replaceAll(fields.link, '');
      expect(withoutLink).not.toMatch(/[0-9a-f]{8}/i);
      if (kind === 'weekly-digest') continue;
      const linkLine = body.split('\n').find((line) => line.includes(fields.link))!;
      expect(linkLine).toContain('INC-2026-00123');
      expect(linkLine.endsWith(fields.link)).toBe(true);
    }
  });

  it('carries only the listed fields: reference, local authority, kinds of deadline, dates, a link, no case details', () => {
    expect(PERSONALISATION_FIELDS).toEqual([
      'reference',
      'local_authority',
      'link',
      'deadline',
      'due_date',
      'when',
      'submitted_on',
      'partnership',
      'items',
      'count',
    ]);
  });

  it('writes dates the GOV.UK way', () => {
    expect(longDate('2027-03-31')).toBe('Wednesday 31 March 2027');
  });
});
