/**
 * The platform's metrics, created once per process from the global meter provider (a no-op until a service starts
 * the SDK with an exporter). Instruments are named by METRIC constants; attribute values are codes and counts,
 * never personal data.
 */
import { metrics, type Attributes, type ObservableResult } from '@opentelemetry/api';
import { ATTR, METER_NAME, METRIC } from './names';

export type LagReading = { events: number; seconds: number };

export type PlatformMetrics = {
  commandHandled: (commandType: string, outcome: 'accepted' | 'rejected' | 'conflict' | 'error') => void;
  appendDuration: (milliseconds: number, eventCount: number) => void;
  relayPublishFailed: (reason: string) => void;
  graphqlOperation: (operationType: string, milliseconds: number, errorCount: number) => void;
  /** Reports the lag of a component (projector or relay) whenever metrics are collected. */
  observeLag: (
    component: 'projector' | 'relay',
    read: () => Promise<LagReading | undefined> | LagReading | undefined,
  ) => void;
  /** Reports deadlines due within a week and overdue, by kind, whenever metrics are collected. */
  observeDeadlines: (read: () => Promise<{ kind: string; due: number; overdue: number }[]>) => void;
};

let shared: PlatformMetrics | undefined;

export const platformMetrics = (): PlatformMetrics => (shared ??= createPlatformMetrics());

const createPlatformMetrics = (): PlatformMetrics => {
  const meter = metrics.getMeter(METER_NAME);
  const commands = meter.createCounter(METRIC.commands, { description: 'Commands handled, by type and outcome' });
  const append = meter.createHistogram(METRIC.appendDuration, {
    description: 'Event store append latency',
    unit: 'ms',
  });
  const publishFailures = meter.createCounter(METRIC.relayPublishFailures, {
    description: 'Kafka publish attempts that failed (each is retried)',
  });
  const graphqlDuration = meter.createHistogram(METRIC.graphqlDuration, {
    description: 'GraphQL operation latency',
    unit: 'ms',
  });
  const graphqlErrors = meter.createCounter(METRIC.graphqlErrors, {
    description: 'GraphQL operations answered with errors',
  });

  const lagGauges = {
    projector: [
      meter.createObservableGauge(METRIC.projectorLagEvents, { description: 'Events the projector is behind' }),
      meter.createObservableGauge(METRIC.projectorLagSeconds, {
        unit: 's',
        description: 'Age of the oldest event the projector has not applied',
      }),
    ],
    relay: [
      meter.createObservableGauge(METRIC.relayLagEvents, { description: 'Events the relay is behind' }),
      meter.createObservableGauge(METRIC.relayLagSeconds, {
        unit: 's',
        description: 'Age of the oldest event the relay has not published',
      }),
    ],
  } as const;
  const due = meter.createObservableGauge(METRIC.deadlinesDue, {
    description: 'Open deadlines due within a week, by kind',
  });
  const overdue = meter.createObservableGauge(METRIC.deadlinesOverdue, {
    description: 'Open deadlines overdue, by kind',
  });

  return {
    commandHandled: (commandType, outcome) =>
      commands.add(1, { [ATTR.commandType]: commandType, [ATTR.commandOutcome]: outcome }),
    appendDuration: (milliseconds, eventCount) => append.record(milliseconds, { [ATTR.eventCount]: eventCount }),
    relayPublishFailed: (reason) => publishFailures.add(1, { reason }),
    graphqlOperation: (operationType, milliseconds, errorCount) => {
      const attributes: Attributes = { [ATTR.graphqlOperationType]: operationType };
      graphqlDuration.record(milliseconds, attributes);
      if (errorCount > 0) graphqlErrors.add(1, attributes);
    },
    observeLag: (component, read) => {
      const [eventsGauge, secondsGauge] = lagGauges[component];
      meter.addBatchObservableCallback(
        async (observer) => {
          const lag = await read();
          if (!lag) return;
          observer.observe(eventsGauge, lag.events);
          observer.observe(secondsGauge, lag.seconds);
        },
        [eventsGauge, secondsGauge],
      );
    },
    observeDeadlines: (read) => {
      meter.addBatchObservableCallback(
        async (observer) => {
          for (const row of await read()) {
            observer.observe(due, row.due, { kind: row.kind });
            observer.observe(overdue, row.overdue, { kind: row.kind });
          }
        },
        [due, overdue],
      );
    },
  };
};

export type { ObservableResult };
