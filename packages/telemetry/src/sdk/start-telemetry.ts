/**
 * Starts the OpenTelemetry SDK. Imported ONLY by a service's main.ts (style.md rule 11: libraries use the API,
 * services start the SDK); lint allows the SDK here and nowhere else in packages/.
 *
 * Configured by the standard OTEL_* variables. With an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or the
 * per-signal variables) traces and metrics are exported over OTLP/HTTP. Without one, spans are still created
 * (so trace ids reach logs and `traceparent` reaches event metadata and Kafka headers) but nothing is exported.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

export type TelemetryHandle = { shutdown: () => Promise<void>; exporting: boolean };

export type StartTelemetryOptions = {
  /** service.name, unless OTEL_SERVICE_NAME says otherwise. */
  serviceName: string;
  /** Extra span processors (tests pass an in-memory exporter's processor). Default none. */
  spanProcessors?: SpanProcessor[];
  env?: Record<string, string | undefined>;
};

export const startTelemetry = ({ serviceName, spanProcessors = [], env = process.env }: StartTelemetryOptions): TelemetryHandle => {
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const metricsEndpoint = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const disabled = env.OTEL_SDK_DISABLED === 'true';
  if (disabled) return { shutdown: async () => {}, exporting: false };

  const processors = [...spanProcessors];
  if (tracesEndpoint) processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    // Explicit processors: an empty list still gives real, non-exported spans instead of the env default exporter.
    spanProcessors: processors,
    metricReader: metricsEndpoint ? new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() }) : undefined,
    instrumentations: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown(), exporting: Boolean(tracesEndpoint) };
};
