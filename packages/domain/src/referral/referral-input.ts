/** Checks the referrer's contact details, named `referrer.*` in errors (the notification's parser says `notifier.*`). */
import type { Notifier } from '../incident/incident-events';
import { validationError } from '../shared/domain-error';
import { optionalString, requireEmail, requireString } from '../shared/validate';

export const parseReferrer = (value: unknown): Notifier => {
  if (value === null || typeof value !== 'object') throw validationError('referrer', 'referrer is required');
  const input = value as Notifier;
  const phone = optionalString(input.phone, 'referrer.phone', 30);
  if (phone !== undefined && !/^\+?[0-9 ()-]{6,29}$/.test(phone)) throw validationError('referrer.phone', 'referrer.phone must be a telephone number');
  return {
    name: requireString(input.name, 'referrer.name'),
    role: requireString(input.role, 'referrer.role'),
    email: requireEmail(input.email, 'referrer.email'),
    ...(phone !== undefined ? { phone } : {}),
  };
};
