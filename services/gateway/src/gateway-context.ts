/**
 * What every resolver receives: the verified principal (auth plugin) and the services the gateway was built with.
 * Resolvers reach the database only through read-model queries and the command handler.
 */
import type { YogaInitialContext } from 'graphql-yoga';
import type { Sql } from 'postgres';
import type { CommandHandler } from '@cspr/application';
import type { WorkingDayCalendar } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import type { PersonalDataVault, ReadAudit } from '@cspr/personal-data';
import type { Logger } from '@cspr/telemetry';
import type { Principal } from './auth/principal';

export type GatewayServices = {
  sql: Sql;
  store: EventStore;
  vault: PersonalDataVault;
  audit: ReadAudit;
  commands: CommandHandler;
  calendar: WorkingDayCalendar;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  /** Partnerships known before any was registered through the log, for their names. Default: the shipped defaults. */
  partnerships?: readonly { partnershipId: string; name: string }[];
  /** How long a query with `consistentAfter` waits for the read models, in ms. Default 5000. */
  consistencyTimeoutMs: number;
};

/**
 * `requestId` names the request in the read audit and logs: always made here, so a caller cannot write what the
 * audit says (nor make two requests look like one). The caller's own `x-request-id` is kept apart as
 * `correlationId`, to join the audit and logs with the caller's records.
 */
export type GatewayContext = YogaInitialContext & {
  principal: Principal;
  services: GatewayServices;
  requestId: string;
  correlationId?: string;
};
