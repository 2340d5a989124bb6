/**
 * SMTP through nodemailer, for organisations without GOV.UK Notify. A 5xx answer to the recipient is a refused
 * address; connection failures and 4xx answers are temporary (retried with backoff).
 */
import nodemailer from 'nodemailer';
import { ChannelError, type EmailChannel } from './email-channel';

type SmtpFailure = Error & { code?: string; responseCode?: number; command?: string };

export const classifySmtpError = (error: unknown): ChannelError => {
  const e = error as SmtpFailure;
  const code = e.responseCode;
  const text = `${e.code ?? 'SMTP'}${code ? ` ${code}` : ''}: ${e.message}`.slice(0, 500);
  if (code !== undefined && code >= 500) {
    const recipient = e.command === 'RCPT TO' || e.code === 'EENVELOPE';
    return new ChannelError(text, true, recipient);
  }
  return new ChannelError(text, false);
};

export const createSmtpChannel = (options: { url: string; from: string; timeoutMs?: number }): EmailChannel => {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as never);
  return {
    name: 'smtp',
    send: async (email) => {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.body,
          messageId: email.messageId,
          headers: { 'X-CSPR-Template': email.template },
        });
        return { providerId: info.messageId ?? null };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: async () => transport.close(),
  };
};
