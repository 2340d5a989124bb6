/**
 * The correlation id of the command being handled, carried in the OpenTelemetry context (so it follows async
 * calls once a service started the SDK's context manager) and added to every log line by the logger's mixin.
 */
import { context, createContextKey } from '@opentelemetry/api';

const CORRELATION_ID = createContextKey('cspr.correlation_id');

export const withCorrelationId = <T>(correlationId: string, fn: () => T): T =>
  context.with(context.active().setValue(CORRELATION_ID, correlationId), fn);

export const activeCorrelationId = (): string | undefined => {
  const value = context.active().getValue(CORRELATION_ID);
  return typeof value === 'string' ? value : undefined;
};
