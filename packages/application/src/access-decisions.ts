/** Access commands: admins grant and revoke roles through the same write path as everything else. */
import { accessDecider, accessStreamId } from '@cspr/domain';
import type { AccessCommand, AccessEvent, AccessState, CommandContext } from '@cspr/domain';
import type { Decision } from './execute-decision';
import type { Bare } from './incident-decisions';

export const ACCESS_COMMAND_TYPES = new Set<string>(['GrantAccess', 'RevokeAccess']);

export const accessDecision = (command: Bare<AccessCommand>): Decision<AccessCommand, AccessEvent, AccessState> => ({
  decider: accessDecider,
  streamId: accessStreamId(command.data.subject),
  subjectId: accessStreamId(command.data.subject),
  partnershipOf: () => command.data.partnershipId,
  build: (_state, context: CommandContext) => ({ ...command, context }) as AccessCommand,
});
