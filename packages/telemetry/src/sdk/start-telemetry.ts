/**
 * Starts the OpenTelemetry SDK. Imported ONLY by a service's main.ts (docs/architecture.md, rule 11: libraries use the API,
 * services start the SDK); lint allows the SDK here and nowhere else in packages/.
 *
 * Configured by the standard OTEL_* variables, parsed by @cspr/config and passed in as `config`. With an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT or the per-signal variables) traces and metrics are exported over OTLP/HTTP. Without one, spans are still created
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
  /** The OTEL_* settings (PlatformConfig['telemetry']). Default: nothing exported. */
  config?: {
    tracesEndpoint?: string | undefined;
    metricsEndpoint?: string | undefined;
    serviceName?: string | undefined;
    disabled: boolean;
  };
};

export const startTelemetry = ({
  serviceName,
  spanProcessors = [],
  config = { disabled: false },
}: StartTelemetryOptions): TelemetryHandle => {
  const { tracesEndpoint, metricsEndpoint } = config;
  if (config.disabled) return { shutdown: async () => {}, exporting: false };

  const processors = [...spanProcessors];
  if (tracesEndpoint) processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  const sdk = new NodeSDK({
    serviceName: config.serviceName ?? serviceName,
    // Explicit processors: an empty list still gives real, non-exported spans instead of the env default exporter.
    spanProcessors: processors,
    metricReader: metricsEndpoint
      ? new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })
      : undefined,
    instrumentations: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown(), exporting: Boolean(tracesEndpoint) };
};
