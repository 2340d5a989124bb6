/**
 * A span and a latency measurement per GraphQL operation (OTel semantic conventions for GraphQL and HTTP).
 *
 * Written here rather than taken from `@envelop/opentelemetry`, which is not installed: a dozen lines give what we
 * need, and no resolver-level spans (which would carry argument values, i.e. personal data). The span continues the
 * caller's W3C `traceparent` header, and the execution runs inside it, so the command handler's span, the append and,
 * through the event metadata, the projector and the relay all join the same trace.
 *
 * Attributes: operation type and name (chosen by the client from the allowed documents), never variables.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type TextMapGetter } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ATTR, platformMetrics, SPAN, TRACER_NAME } from '@cspr/telemetry';

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

const isExecutionResult = (result: unknown): result is ExecutionResult =>
  typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);

export const useOperationTelemetry = (): Plugin => {
  const tracer = trace.getTracer(TRACER_NAME);
  const metrics = platformMetrics();
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const operation = getOperationAST(args.document, args.operationName);
      const operationType = operation?.operation ?? 'unknown';
      const operationName = operation?.name?.value ?? 'anonymous';
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const parent = request ? propagation.extract(context.active(), request.headers, headerGetter) : context.active();
      const span = tracer.startSpan(
        SPAN.graphqlOperation,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [ATTR.graphqlOperationType]: operationType,
            [ATTR.graphqlOperationName]: operationName,
            ...(request ? { [ATTR.httpMethod]: request.method, [ATTR.httpRoute]: new URL(request.url).pathname } : {}),
          },
        },
        parent,
      );
      const started = performance.now();
      const spanContext = trace.setSpan(parent, span);
      setExecuteFn((executionArgs) => context.with(spanContext, () => executeFn(executionArgs)));
      return {
        onExecuteDone: ({ result }) => {
          const errors = isExecutionResult(result) ? (result.errors ?? []) : [];
          if (errors.length > 0) {
            // Codes only: messages of unexpected errors are masked for clients and may quote input.
            const code = errors.map((e) => e.extensions?.code).find((c) => typeof c === 'string');
            span.setAttribute(ATTR.errorType, typeof code === 'string' ? code : 'graphql_error');
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          metrics.graphqlOperation(operationType, performance.now() - started, errors.length);
          span.end();
        },
      };
    },
  };
};
