/**
 * Registers the shipped default partnerships through the ordinary write path at start-up, so every partnership
 * has a stream and changes to it replay like everything else. Idempotent: event ids derive from a fixed command
 * id per partnership, and a partnership already registered (by an earlier start or an admin) is left alone.
 */
import { defaultPartnerships, isDomainError } from '@cspr/domain';
import type { Actor } from '@cspr/domain';
import type { CommandHandler } from './command-handler';
import type { PartnershipReference } from './reference-data';

export const REFERENCE_DATA_ACTOR: Actor = { userId: 'system-reference-data', role: 'admin' };

export const registerDefaultPartnerships = async (
  handler: CommandHandler,
  partnerships: readonly PartnershipReference[] = defaultPartnerships,
): Promise<{ registered: number; existing: number; refused: { partnershipId: string; reason: string }[] }> => {
  let registered = 0;
  let existing = 0;
  const refused: { partnershipId: string; reason: string }[] = [];
  for (const partnership of partnerships) {
    try {
      const result = await handler.execute(
        {
          type: 'RegisterPartnership',
          data: {
            partnershipId: partnership.partnershipId,
            name: partnership.name,
            localAuthorityCodes: [...partnership.localAuthorityCodes],
          },
        },
        {
          actor: REFERENCE_DATA_ACTOR,
          commandId: `default-partnership-${partnership.partnershipId}`,
          correlationId: 'reference-data',
        },
      );
      if (result.alreadyApplied) existing += 1;
      else registered += 1;
    } catch (error) {
      // Registered before through another command (an admin): the log already says who covers what.
      if (isDomainError(error) && error.code === 'illegal_state') existing += 1;
      // Reference data the decider refuses must not stop start-up; the caller logs it so the data gets fixed.
      else if (isDomainError(error) && error.code === 'validation')
        refused.push({ partnershipId: partnership.partnershipId, reason: error.message });
      else throw error;
    }
  }
  return { registered, existing, refused };
};
