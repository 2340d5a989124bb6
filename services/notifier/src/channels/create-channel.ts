/** The channel the configuration names. */
import type { Sql } from 'postgres';
import type { NotifierConfig } from '@cspr/config';
import { createDevMailboxChannel } from './dev-mailbox-channel';
import type { EmailChannel } from './email-channel';
import { createNotifyChannel } from './notify-channel';
import { createSmtpChannel } from './smtp-channel';

export const createChannel = (config: NotifierConfig, sql: Sql): EmailChannel => {
  switch (config.channel) {
    case 'smtp':
      return createSmtpChannel({ url: config.smtpUrl!, from: config.from });
    case 'notify':
      return createNotifyChannel(config.notify!);
    case 'dev-mailbox':
      return createDevMailboxChannel(sql);
    default:
      throw new Error(`Unknown notifier channel ${String(config.channel)}`);
  }
};
