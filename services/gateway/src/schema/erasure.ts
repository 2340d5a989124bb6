/**
 * `erasePersonalData`: lawful erasure of an incident's personal data, four eyes. The calling admin approves a
 * request made by another admin (`requestedBy`); both must be admin user ids (CSPR_ADMIN_USER_IDS). The data key is
 * destroyed: events stay, personal data becomes unreadable everywhere, read models are scrubbed by the projector.
 */
import { z } from 'zod';
import { ERASURE_LEGAL_BASES } from '@cspr/domain';
import { builder } from '../builder';
import { requireRole } from '../authorization';
import { requireIncidentAccess } from '../record-owners';
import { commandIdSchema, idSchema, parseInput, runCommand } from '../run-command';
import { IncidentPayload, mutationErrors } from './command-payload';

const erasureSchema = z.object({
  commandId: commandIdSchema,
  incidentId: idSchema,
  legalBasis: z.enum(ERASURE_LEGAL_BASES),
  requestedBy: z.string().min(1).max(200),
});

builder.mutationField('erasePersonalData', (t) =>
  t.field({
    type: IncidentPayload,
    description: 'Erase an incident\'s personal data (admin, approving another admin\'s request).',
    args: {
      input: t.arg({
        type: builder.inputType('ErasePersonalDataInput', {
          fields: (f) => ({
            commandId: f.string({ required: false }),
            incidentId: f.id(),
            legalBasis: f.string({ description: ERASURE_LEGAL_BASES.join(', ') }),
            requestedBy: f.string({ description: 'User id of the admin who asked for the erasure; the caller approves it and must be someone else.' }),
          }),
        }),
      }),
    },
    errors: mutationErrors('ErasePersonalDataResult'),
    resolve: async (_root, { input }, ctx) => {
      const admin = requireRole(ctx.principal, ['admin'], 'erase personal data');
      const valid = parseInput(erasureSchema, input);
      await requireIncidentAccess(ctx, valid.incidentId);
      const outcome = await runCommand(ctx, {
        type: 'ErasePersonalData',
        data: { incidentId: valid.incidentId, legalBasis: valid.legalBasis, requestedBy: valid.requestedBy, approvedBy: admin.userId },
      }, valid.commandId);
      return { incidentId: valid.incidentId, position: outcome.position, alreadyApplied: outcome.alreadyApplied };
    },
  }),
);
