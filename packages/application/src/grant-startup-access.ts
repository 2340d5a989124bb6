/**
 * Grants recorded at start-up through the ordinary write path: the development accounts' roles (embedded provider)
 * and `npm run token`'s subjects. Idempotent twice over: a fixed command id per grant, and the decider records
 * nothing for a grant already held. A grant an admin revoked since is granted again only on a new start with the
 * development accounts, which never run in production.
 */
import type { Role } from '@cspr/domain';
import { comparePositions, type LogPosition } from '@cspr/event-store';
import type { CommandHandler } from './command-handler';
import { REFERENCE_DATA_ACTOR } from './register-default-partnerships';

export const STARTUP_GRANTS_ACTOR = { ...REFERENCE_DATA_ACTOR, userId: 'system-development-accounts' };

export type StartupGrant = { subject: string; role: Role; partnershipId?: string; email?: string };

export const grantStartupAccess = async (
  handler: CommandHandler,
  grants: readonly StartupGrant[],
): Promise<{ granted: number; existing: number; lastPosition: LogPosition | null }> => {
  let granted = 0;
  let existing = 0;
  // The newest write among the grants (a retried one reports its earlier write): the point the read models must
  // reach before the accounts can sign in.
  let lastPosition: LogPosition | null = null;
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
    if (result.position && (!lastPosition || comparePositions(result.position, lastPosition) > 0))
      lastPosition = result.position;
  }
  return { granted, existing, lastPosition };
};
