/** Checks the referrer's contact details, named `referrer.*` in errors, by the notification's contact rules. */
import type { Notifier } from '../incident/incident-events';
import { parseContact } from '../incident/notification-input';

export const parseReferrer = (value: unknown): Notifier => parseContact(value, 'referrer');
