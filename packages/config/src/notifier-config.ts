/**
 * Configuration of the notifier (deadline reminders and confirmations by email), from the environment. Kept beside
 * the platform's schema so every variable is named in one package; parsed once at start, a bad or missing value
 * stops the notifier with a message naming the variable.
 */
import { z } from 'zod';
import { ConfigError } from './config';

/** The kinds of email, each one GOV.UK Notify template. */
export const EMAIL_TEMPLATE_KINDS = [
  'deadline-reminder',
  'deadline-overdue',
  'submission-confirmation',
  'rapid-review-received',
  'panel-response-target',
  'panel-responded',
  'weekly-digest',
] as const;
export type EmailTemplateKind = (typeof EMAIL_TEMPLATE_KINDS)[number];

/** NOTIFY_TEMPLATE_DEADLINE_REMINDER and so on: one variable per kind. */
export const notifyTemplateVariable = (kind: EmailTemplateKind) =>
  `NOTIFY_TEMPLATE_${kind.toUpperCase().replaceAll('-', '_')}`;

const days = z
  .string()
  .regex(/^\d{1,2}(,\d{1,2})*$/, 'a comma-separated list of working days, e.g. 2,0')
  .transform((value) => [...new Set(value.split(',').map(Number))].sort((a, b) => b - a));
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');

const notifierSchema = z.object({
  /** `smtp`, `notify` or `dev-mailbox` (default: dev-mailbox, the page at /dev/mailbox; production needs one of the others). */
  NOTIFIER_CHANNEL: z.enum(['smtp', 'notify', 'dev-mailbox']).optional(),
  /** SMTP server, e.g. smtp://user:pass@mail.example:587. Required with NOTIFIER_CHANNEL=smtp. */
  SMTP_URL: z.string().url().optional(),
  /** GOV.UK Notify API key. Required with NOTIFIER_CHANNEL=notify. */
  NOTIFY_API_KEY: z.string().min(74).optional(),
  /** Notify base URL (tests point it at a local server). Default Notify's production API. */
  NOTIFY_BASE_URL: z.string().url().optional(),
  /** Sender address for SMTP. Default no-reply@cspr.localhost. */
  NOTIFIER_FROM: z.string().min(3).default('CSPR <no-reply@cspr.localhost>'),
  /** The Panel's mailbox for rapid-review arrivals and response targets. Default panel@cspr.localhost. */
  NOTIFIER_PANEL_MAILBOX: z.string().email().default('panel@cspr.localhost'),
  /** Links in emails start here. Default http://localhost:4000. */
  NOTIFIER_BASE_URL: z.string().url().default('http://localhost:4000'),
  /** Working days before a partnership's deadline to remind; 0 is the due day. Default 2,0. */
  NOTIFIER_REMINDER_DAYS: days.default([2, 0]),
  /** Working days before the Panel's response target to alert the Panel. Default 2. */
  NOTIFIER_PANEL_REMINDER_DAYS: days.default([2]),
  /** Reminders go out from this time, England local time, on working days. Default 09:00. */
  NOTIFIER_SEND_AT: clockTime.default('09:00'),
  /** ...and not after this time (no reminder at night). Default 18:00. */
  NOTIFIER_SEND_UNTIL: clockTime.default('18:00'),
  /** A reminder that could not go on its day still goes this many working days later, then is recorded expired. Default 3. */
  NOTIFIER_CATCH_UP_WORKING_DAYS: z.coerce.number().int().min(0).max(20).default(3),
  /** Sending attempts before an email is recorded failed (shown by ops:status and /health). Default 8. */
  NOTIFIER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** How long a claimed email is held by one sender before another may take it over. Default 60000 ms. */
  NOTIFIER_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Health port of the notifier on its own. Default 4003. */
  NOTIFIER_PORT: z.coerce.number().int().min(1).max(65535).default(4003),
  NODE_ENV: z.string().default('development'),
});

export type NotifierConfig = {
  channel: 'smtp' | 'notify' | 'dev-mailbox';
  smtpUrl?: string;
  notify?: { apiKey: string; baseUrl?: string; templates: Record<EmailTemplateKind, string> };
  from: string;
  panelMailbox: string;
  baseUrl: string;
  reminderDays: number[];
  panelReminderDays: number[];
  sendAt: string;
  sendUntil: string;
  catchUpWorkingDays: number;
  maxAttempts: number;
  leaseMs: number;
  port: number;
};

export const loadNotifierConfig = (env: Record<string, string | undefined> = process.env): NotifierConfig => {
  const parsed = notifierSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid notifier configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const channel = e.NOTIFIER_CHANNEL ?? 'dev-mailbox';
  if (production && channel === 'dev-mailbox') {
    throw new ConfigError('Invalid notifier configuration: production needs NOTIFIER_CHANNEL=notify or smtp');
  }
  if (channel === 'smtp' && !e.SMTP_URL)
    throw new ConfigError('Invalid notifier configuration: NOTIFIER_CHANNEL=smtp needs SMTP_URL');
  let notify: NotifierConfig['notify'];
  if (channel === 'notify') {
    const missing = [
      ...(e.NOTIFY_API_KEY ? [] : ['NOTIFY_API_KEY']),
      ...EMAIL_TEMPLATE_KINDS.map(notifyTemplateVariable).filter((name) => !env[name]),
    ];
    if (missing.length)
      throw new ConfigError(`Invalid notifier configuration: GOV.UK Notify needs ${missing.join(', ')}`);
    const templates = Object.fromEntries(
      EMAIL_TEMPLATE_KINDS.map((kind) => [kind, env[notifyTemplateVariable(kind)]!]),
    );
    notify = {
      apiKey: e.NOTIFY_API_KEY!,
      ...(e.NOTIFY_BASE_URL ? { baseUrl: e.NOTIFY_BASE_URL } : {}),
      templates: templates as Record<EmailTemplateKind, string>,
    };
  }
  if (e.NOTIFIER_SEND_UNTIL <= e.NOTIFIER_SEND_AT) {
    throw new ConfigError('Invalid notifier configuration: NOTIFIER_SEND_UNTIL must be after NOTIFIER_SEND_AT');
  }
  return {
    channel,
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    ...(notify ? { notify } : {}),
    from: e.NOTIFIER_FROM,
    panelMailbox: e.NOTIFIER_PANEL_MAILBOX.toLowerCase(),
    baseUrl: e.NOTIFIER_BASE_URL.replace(/\/$/, ''),
    reminderDays: e.NOTIFIER_REMINDER_DAYS,
    panelReminderDays: e.NOTIFIER_PANEL_REMINDER_DAYS,
    sendAt: e.NOTIFIER_SEND_AT,
    sendUntil: e.NOTIFIER_SEND_UNTIL,
    catchUpWorkingDays: e.NOTIFIER_CATCH_UP_WORKING_DAYS,
    maxAttempts: e.NOTIFIER_MAX_ATTEMPTS,
    leaseMs: e.NOTIFIER_LEASE_MS,
    port: e.NOTIFIER_PORT,
  };
};
