/** Partnership commands: reference data maintained by admins through the same write path. */
import { partnershipDecider, partnershipStreamId } from '@cspr/domain';
import type { CommandContext, PartnershipCommand, PartnershipEvent, PartnershipState } from '@cspr/domain';
import type { Decision } from './execute-decision';
import type { Bare } from './incident-decisions';

export const partnershipDecision = (
  command: Bare<PartnershipCommand>,
): Decision<PartnershipCommand, PartnershipEvent, PartnershipState> => ({
  decider: partnershipDecider,
  streamId: partnershipStreamId(command.data.partnershipId),
  subjectId: `partnership-${command.data.partnershipId}`,
  partnershipOf: () => command.data.partnershipId,
  build: (_state, context: CommandContext) => ({ ...command, context }) as PartnershipCommand,
});
