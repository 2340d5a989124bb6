/**
 * A person's contact details (`NotifierInput`): the notifier of a notification, the referrer of a referral, the
 * partnership's notifier when a referral is decided as a notification. One type, one set of checks.
 */
import { builder } from '../builder';
import { emailSchema, phoneSchema, shortText } from '../input-rules';

export const ContactInput = builder.inputType('NotifierInput', {
  description: "A person's contact details: the notifier of a notification, or the referrer of a referral.",
  fields: (t) => ({
    name: t.string({ validate: shortText() }),
    role: t.string({ validate: shortText() }),
    email: t.string({ validate: emailSchema }),
    phone: t.string({ required: false, validate: phoneSchema }),
  }),
});
