/**
 * The platform logger: pino, structured JSON, with children's personal data redacted by configuration.
 *
 * Redaction is a second line of defence: code should never log personal data in the first place (events carry it
 * sealed, errors name fields not values). The paths below catch the shapes in which it could still slip through:
 * a command's input, an event's `personal` part, GraphQL variables.
 */
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { trace } from '@opentelemetry/api';
import { activeCorrelationId } from './correlation';

export type { Logger };

/** Keys whose values are personal data wherever they appear (matched at any of the first levels of nesting). */
export const PERSONAL_DATA_KEYS = [
  'personal',
  'name',
  'childName',
  'dateOfBirth',
  'ageInYears',
  'caseOutline',
  'location',
  'address',
  'notifier',
  'email',
  'phone',
  'facts',
  'explanation',
  'comments',
  'summary',
  'livedExperience',
  'keyPracticeEpisodes',
  'immediateActions',
  'learningIdentified',
  'decisionReasons',
  'agencySummaries',
  'signatories',
  'variables',
  'authorization',
  'token',
] as const;

const redactPaths = PERSONAL_DATA_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export type CreateLoggerOptions = {
  /** Service name on every line. */
  service: string;
  /** pino level. Default `info`. */
  level?: string;
  /** Where to write. Default stdout. */
  destination?: DestinationStream;
};

export const createLogger = ({ service, level = 'info', destination }: CreateLoggerOptions): Logger => {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Every line carries the active trace so logs and traces join up at 2 a.m.
    // and the command's correlation id joins the lines of one request across services.
    mixin: () => {
      const correlationId = activeCorrelationId();
      const span = trace.getActiveSpan();
      if (!span) return correlationId ? { correlationId } : {};
      const { traceId, spanId } = span.spanContext();
      return correlationId ? { traceId, spanId, correlationId } : { traceId, spanId };
    },
    serializers: { err: stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
};
