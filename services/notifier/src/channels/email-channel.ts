/** What every channel (SMTP, GOV.UK Notify, the development mailbox) offers the sender. */
import type { EmailTemplateKind } from '@cspr/config';
import type { Personalisation } from '../email-templates';

export type OutgoingEmail = {
  to: string;
  subject: string;
  body: string;
  /** Deterministic from the outbox key: the same on every attempt. */
  messageId: string;
  template: EmailTemplateKind;
  personalisation: Personalisation;
};

/** `addressRefused`: the channel refused the recipient itself (recorded against the contact, never retried). */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly addressRefused = false,
  ) {
    super(message);
  }
}

export type EmailChannel = {
  name: 'smtp' | 'notify' | 'dev-mailbox';
  /** Resolves with the provider's id for the message (if it gives one); throws ChannelError. */
  send: (email: OutgoingEmail) => Promise<{ providerId: string | null }>;
  /**
   * After a sender died between sending and recording: whether the earlier attempt arrived (its provider id, or
   * null when it did not). Absent when the channel cannot tell (SMTP): the email is sent again, same Message-ID.
   */
  findDelivered?: (email: OutgoingEmail) => Promise<{ providerId: string | null } | null>;
  close?: () => Promise<void>;
};
