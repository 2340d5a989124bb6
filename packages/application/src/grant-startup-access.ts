/**
 * Grants recorded at start-up through the ordinary write path: the development accounts' roles (embedded provider)
 * and `npm run token`'s subjects. Idempotent twice over: a fixed command id per grant, and the decider records
 * nothing for a grant already held. A grant an admin revoked since is granted again only on a new start with the
 * development accounts, which never run in production.
 */
import type { Role } from '@cspr/domain';
import type { CommandHandler } from './command-handler';
import { REFERENCE_DATA_ACTOR } from './register-default-partnerships';

export const STARTUP_GRANTS_ACTOR = { ...REFERENCE_DATA_ACTOR, userId: 'system-development-accounts' };

export type StartupGrant = { subject: string; role: Role; partnershipId?: string; email?: string };

export const grantStartupAccess = async (
  handler: CommandHandler,
  grants: readonly StartupGrant[],
): Promise<{ granted: number; existing: number }> => {
  let granted = 0;
  let existing = 0;
  for (const grant of grants) {
    const result = await handler.execute(
      {
        type: 'GrantAccess',
        data: {
          subject: grant.subject,
          role: grant.role,
          ...(grant.partnershipId ? { partnershipId: grant.partnershipId } : {}),
          ...(grant.email ? { email: grant.email } : {}),
        },
      },
      {
        actor: STARTUP_GRANTS_ACTOR,
        commandId: `startup-grant/${grant.subject}/${grant.role}/${grant.partnershipId ?? '-'}`,
        correlationId: 'startup-grants',
      },
    );
    if (result.alreadyApplied || result.events.length === 0) existing += 1;
    else granted += 1;
  }
  return { granted, existing };
};
