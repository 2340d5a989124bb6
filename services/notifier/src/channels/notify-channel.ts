/**
 * GOV.UK Notify through notifications-node-client: one Notify template per kind of email, the personalisation
 * fields as they are, and `reference` = the Message-ID's key, which also lets a sender that died after sending ask
 * Notify whether the email was accepted before sending it again.
 */
import { NotifyClient } from 'notifications-node-client';
import type { EmailTemplateKind } from '@cspr/config';
import { ChannelError, type EmailChannel, type OutgoingEmail } from './email-channel';

type AxiosFailure = Error & {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
};

export const classifyNotifyError = (error: unknown): ChannelError => {
  const e = error as AxiosFailure;
  const status = e.response?.status;
  const messages = (e.response?.data?.errors ?? []).map((x) => `${x.error ?? ''} ${x.message ?? ''}`.trim()).join('; ');
  const text = `Notify${status ? ` ${status}` : ''}: ${messages || e.message}`.slice(0, 500);
  if (status === 400 && /email_address/i.test(messages)) return new ChannelError(text, true, true);
  if (status === undefined || status === 429 || status >= 500) return new ChannelError(text, false);
  return new ChannelError(text, true);
};

/** Notify's reference: the Message-ID without its brackets and domain. */
export const notifyReference = (email: Pick<OutgoingEmail, 'messageId'>) => email.messageId.replace(/^<|@.*$/g, '');

export const createNotifyChannel = (options: {
  apiKey: string;
  baseUrl?: string;
  templates: Record<EmailTemplateKind, string>;
}): EmailChannel => {
  const client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey);
  return {
    name: 'notify',
    send: async (email) => {
      try {
        const response = await client.sendEmail(options.templates[email.template], email.to, {
          personalisation: { ...email.personalisation },
          reference: notifyReference(email),
        });
        return { providerId: response.data.id };
      } catch (error) {
        throw classifyNotifyError(error);
      }
    },
    findDelivered: async (email) => {
      try {
        const response = await client.getNotifications('email', undefined, notifyReference(email));
        const found = response.data.notifications.find(
          (n) => n.status !== 'permanent-failure' && n.status !== 'technical-failure',
        );
        return found ? { providerId: found.id } : null;
      } catch (error) {
        throw classifyNotifyError(error);
      }
    },
  };
};
