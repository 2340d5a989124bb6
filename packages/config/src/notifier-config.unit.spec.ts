import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATE_KINDS, loadNotifierConfig, notifyTemplateVariable } from './notifier-config';

const apiKey = `test-${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}-${'2'.repeat(8)}-2222-2222-2222-${'2'.repeat(12)}`;

describe('loadNotifierConfig', () => {
  it('defaults to the development mailbox, 2 working days before and on the day, 09:00', () => {
    expect(loadNotifierConfig({})).toMatchObject({
      channel: 'dev-mailbox',
      reminderDays: [2, 0],
      panelReminderDays: [2],
      sendAt: '09:00',
    });
  });

  it('takes reminder days in any order, each once, latest first', () => {
    expect(loadNotifierConfig({ NOTIFIER_REMINDER_DAYS: '0,5,2,5' }).reminderDays).toEqual([5, 2, 0]);
  });

  it('refuses to start Notify in production naming every missing template id', () => {
    const env: Record<string, string> = { NODE_ENV: 'production', NOTIFIER_CHANNEL: 'notify', NOTIFY_API_KEY: apiKey };
    for (const kind of EMAIL_TEMPLATE_KINDS) env[notifyTemplateVariable(kind)] = `${kind}-id`;
    expect(loadNotifierConfig(env).notify?.templates['weekly-digest']).toBe('weekly-digest-id');
    delete env.NOTIFY_TEMPLATE_PANEL_RESPONDED;
    delete env.NOTIFY_TEMPLATE_WEEKLY_DIGEST;
    expect(() => loadNotifierConfig(env)).toThrow(
      'GOV.UK Notify needs NOTIFY_TEMPLATE_PANEL_RESPONDED, NOTIFY_TEMPLATE_WEEKLY_DIGEST',
    );
  });

  it('refuses the development mailbox in production and SMTP without a server', () => {
    expect(() => loadNotifierConfig({ NODE_ENV: 'production' })).toThrow('production needs NOTIFIER_CHANNEL');
    expect(() => loadNotifierConfig({ NOTIFIER_CHANNEL: 'smtp' })).toThrow('needs SMTP_URL');
    expect(() => loadNotifierConfig({ NOTIFIER_SEND_AT: '25:00' })).toThrow('NOTIFIER_SEND_AT');
  });
});
