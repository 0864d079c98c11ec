/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set:
 * spans for incoming HTTP (with Express route names), PostgreSQL queries (pg) and jobs (`job <name>`, see
 * common/observability/job-instrumentation.ts), exported over OTLP/HTTP. Imported first by main.ts, before
 * http, express and pg are loaded, so the instrumentations can patch them. Without the variable nothing of the SDK
 * is loaded (no start-up or memory cost) and the job spans are no-ops of @opentelemetry/api.
 * The exporter reads the standard OTEL_* variables itself (endpoint, headers, timeout); OTEL_SERVICE_NAME names the
 * service (default `thidua-<role>`).
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface TracingHandle {
  shutdown(): Promise<void>;
}

export function startTracing(env: NodeJS.ProcessEnv = process.env): TracingHandle | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  if (env.OTEL_SDK_DISABLED === 'true') return null;
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');

  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME ?? `thidua-${env.PROCESS_ROLE ?? 'all'}`,
      'service.version': env.npm_package_version ?? '0.1.0',
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Only the API: static files of the admin and outgoing calls of the exporter itself would be noise.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => !(req.url ?? '').startsWith('/api'), disableOutgoingRequestInstrumentation: true }),
      new ExpressInstrumentation(),
      new PgInstrumentation(),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}

export const tracing = startTracing();
