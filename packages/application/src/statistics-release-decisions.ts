/** Statistics release commands: one stream per reporting year; the Panel or an admin closes and publishes. */
import { statisticsReleaseDecider, statisticsReleaseStreamId } from '@cspr/domain';
import type {
  CommandContext,
  StatisticsReleaseCommand,
  StatisticsReleaseEvent,
  StatisticsReleaseState,
} from '@cspr/domain';
import type { Decision } from './execute-decision';
import type { Bare } from './incident-decisions';

export const STATISTICS_RELEASE_COMMAND_TYPES: ReadonlySet<string> = new Set([
  'CloseStatisticsPeriod',
  'PublishStatisticsRelease',
]);

export const statisticsReleaseDecision = (
  command: Bare<StatisticsReleaseCommand>,
): Decision<StatisticsReleaseCommand, StatisticsReleaseEvent, StatisticsReleaseState> => ({
  decider: statisticsReleaseDecider,
  streamId: statisticsReleaseStreamId(Number(command.data.reportingYear)),
  // Nothing personal is ever sealed on this stream; the subject only names the key that would be used.
  subjectId: statisticsReleaseStreamId(Number(command.data.reportingYear)),
  partnershipOf: () => undefined,
  build: (_state, context: CommandContext) => ({ ...command, context }) as StatisticsReleaseCommand,
});
