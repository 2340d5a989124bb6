/**
 * The wording of every email, from its personalisation fields. GOV.UK Notify holds the same wording in its own
 * templates (one per kind, fields in ((double brackets))); SMTP and the development mailbox render it here.
 *
 * Email is not a secure channel: the fields are the reference, the local authority's name, the kind of deadline or
 * submission, dates and a link. Never a child's name, date of birth or case details; a test checks the fields.
 * A person reads the record's reference (INC-2026-00123) beside each link: the id appears only inside the link's URL.
 */
import type { EmailTemplateKind } from '@cspr/config';

export type Personalisation = {
  reference: string;
  local_authority: string;
  link: string;
  /** What is due or was submitted, in words ("rapid review to the Panel"). */
  deadline?: string;
  due_date?: string;
  /** "in 2 working days" or "today". */
  when?: string;
  submitted_on?: string;
  partnership?: string;
  /** The weekly digest's list, one deadline a line; `count` is "2 open deadlines". */
  items?: string;
  count?: string;
};

/** The only fields an email may carry: the Notify templates are built from this list. */
export const PERSONALISATION_FIELDS = [
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
] as const;

export type RenderedEmail = { subject: string; body: string };

const NO_PERSONAL_DATA = 'This email holds no personal data: sign in to the CSPR service to see the case.';
const PARTNERSHIP_FOOTER =
  `${NO_PERSONAL_DATA}\nYou receive it as a contact of your safeguarding partnership; ` +
  'change what you receive on your email preferences page.';
const PANEL_FOOTER = `${NO_PERSONAL_DATA}\nYou receive it as the Child Safeguarding Practice Review Panel's mailbox.`;

const lines = (...parts: string[]) => `${parts.join('\n\n')}\n\n${PARTNERSHIP_FOOTER}\n`;
const panelLines = (...parts: string[]) => `${parts.join('\n\n')}\n\n${PANEL_FOOTER}\n`;

export const renderEmail = (template: EmailTemplateKind, p: Personalisation): RenderedEmail => {
  switch (template) {
    case 'deadline-reminder':
      return {
        subject: `Reminder: ${p.deadline} for ${p.reference} is due ${p.when === 'today' ? 'today' : p.due_date}`,
        body: lines(
          `${p.local_authority}: the ${p.deadline} for ${p.reference} is due ${p.when} (${p.due_date}).`,
          `Open ${p.reference}: ${p.link}`,
        ),
      };
    case 'deadline-overdue':
      return {
        subject: `Overdue: ${p.deadline} for ${p.reference} was due ${p.due_date}`,
        body: lines(
          `${p.local_authority}: the ${p.deadline} for ${p.reference} was due on ${p.due_date} and has not been recorded.`,
          `If it was done, record it in the service; otherwise do it now. Open ${p.reference}: ${p.link}`,
        ),
      };
    case 'submission-confirmation':
      return {
        subject: `Received: ${p.deadline} for ${p.reference}`,
        body: lines(
          `The CSPR service received the ${p.deadline} for ${p.reference} (${p.local_authority}) on ${p.submitted_on}.`,
          `Keep this reference: ${p.reference}`,
          `See ${p.reference}: ${p.link}`,
        ),
      };
    case 'rapid-review-received':
      return {
        subject: `Rapid review received: ${p.reference} (${p.local_authority})`,
        body: panelLines(
          `A rapid review for ${p.reference} (${p.local_authority}) arrived on ${p.submitted_on}.`,
          `The Panel's response target is ${p.due_date}.`,
          `Read the rapid review for ${p.reference}: ${p.link}`,
        ),
      };
    case 'panel-response-target':
      return {
        subject: `Response target ${p.when === 'today' ? 'today' : p.due_date}: rapid review ${p.reference}`,
        body: panelLines(
          `The Panel's response to the rapid review for ${p.reference} (${p.local_authority}) is due ${p.when} (${p.due_date}).`,
          `Respond to the rapid review for ${p.reference}: ${p.link}`,
        ),
      };
    case 'panel-responded':
      return {
        subject: `The Panel has responded: ${p.reference}`,
        body: lines(
          `The Panel responded on ${p.submitted_on} to the rapid review for ${p.reference} (${p.local_authority}).`,
          `Read the Panel's response for ${p.reference}: ${p.link}`,
        ),
      };
    case 'weekly-digest':
      return {
        subject: `This week: ${p.count} for ${p.partnership}`,
        body: lines(
          `Open deadlines for ${p.partnership} this week:`,
          p.items || 'Nothing is open.',
          `See them all: ${p.link}`,
        ),
      };
    default: {
      const unknown: never = template;
      throw new Error(`No wording for email template ${String(unknown)}`);
    }
  }
};

/** Deadline and submission kinds in words. */
export const DEADLINE_WORDS: Record<string, string> = {
  notification: 'notification to the Panel',
  'rapid-review': 'rapid review to the Panel',
  'panel-response': "Panel's response to the rapid review",
  'local-review-publication': 'publication of the local review',
  'final-report-before-publication': 'final report to the Panel and DfE',
  publication: 'publication of the review report',
};

const dateParts = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const longDates = new Map<string, string>();

/** "Friday 8 May 2026" (GOV.UK style, no comma): dates in emails are read by people. Remembered: Intl is slow. */
export const longDate = (date: string): string => {
  const known = longDates.get(date);
  if (known) return known;
  if (longDates.size > 10_000) longDates.clear();
  const parts = dateParts.formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  longDates.set(date, text);
  return text;
};
