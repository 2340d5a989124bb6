/**
 * Span, metric and attribute names, in one place (docs/architecture.md, rule 11). Attribute keys follow OpenTelemetry semantic
 * conventions where one exists (messaging.*, db.*, graphql.*); ours are under `cspr.`. Attributes never carry
 * personal data: ids and codes only.
 */
export const TRACER_NAME = 'cspr';
export const METER_NAME = 'cspr';

export const SPAN = {
  commandHandle: 'cspr.command.handle',
  eventStoreAppend: 'cspr.event_store.append',
  projectorBatch: 'cspr.projector.batch',
  relayPublish: 'cspr.relay.publish',
  graphqlOperation: 'graphql.operation',
} as const;

export const ATTR = {
  commandType: 'cspr.command.type',
  commandOutcome: 'cspr.command.outcome',
  streamId: 'cspr.stream.id',
  eventCount: 'cspr.event.count',
  eventType: 'cspr.event.type',
  partnershipId: 'cspr.partnership.id',
  role: 'cspr.actor.role',
  projection: 'cspr.projection',
  messagingSystem: 'messaging.system',
  messagingDestination: 'messaging.destination.name',
  messagingOperation: 'messaging.operation.type',
  messagingBatchCount: 'messaging.batch.message_count',
  dbSystem: 'db.system.name',
  dbOperation: 'db.operation.name',
  correlationId: 'cspr.correlation.id',
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  errorType: 'error.type',
  graphqlOperationName: 'graphql.operation.name',
  graphqlOperationType: 'graphql.operation.type',
} as const;

export const METRIC = {
  commands: 'cspr.commands',
  appendDuration: 'cspr.event_store.append.duration',
  projectorLagEvents: 'cspr.projector.lag.events',
  projectorLagSeconds: 'cspr.projector.lag.seconds',
  relayLagEvents: 'cspr.relay.lag.events',
  relayLagSeconds: 'cspr.relay.lag.seconds',
  relayPublishFailures: 'cspr.relay.publish.failures',
  deadlinesDue: 'cspr.deadlines.due',
  deadlinesOverdue: 'cspr.deadlines.overdue',
  graphqlDuration: 'cspr.graphql.operation.duration',
  graphqlErrors: 'cspr.graphql.errors',
} as const;
