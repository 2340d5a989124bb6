/** The GraphQL side of client-errors.ts: an interface and one object type per error a client must handle. */
import { builder } from '../builder';
import type { ClientError } from '../client-errors';
import { ConflictError, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../client-errors';

export const ClientErrorInterface = builder.interfaceRef<ClientError>('ClientError').implement({
  description: 'An error the client must handle: shown to the user, never containing personal data.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code', { description: 'VALIDATION, FORBIDDEN, NOT_FOUND, CONFLICT or ILLEGAL_STATE.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input broke a rule. `field` is the dotted path of the input field at fault.',
  interfaces: [ClientErrorInterface],
  fields: (t) => ({ field: t.exposeString('field') }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: "The caller may not do this (role, or another partnership's record).",
  interfaces: [ClientErrorInterface],
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description:
    "No such record, or not one the caller may see (a partnership asking for another's incident gets this, so ids cannot be probed).",
  interfaces: [ClientErrorInterface],
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The record kept changing while the command was decided: reload and try again.',
  interfaces: [ClientErrorInterface],
});

builder.objectType(IllegalStateError, {
  name: 'IllegalStateError',
  description: 'The record is not in a state that allows this (e.g. withdrawn, already responded).',
  interfaces: [ClientErrorInterface],
});
