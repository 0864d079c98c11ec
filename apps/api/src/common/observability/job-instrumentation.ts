import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import type { JobHandler } from '../../jobs/job-queue';
import { currentRequest, runWithRequestContext } from '../logging/request-context';
import { jobDuration, jobFailures } from './metrics';

/** Keys a job's data carries from the request that queued it. */
export interface JobTrace {
  requestId?: string;
  /** W3C trace context (`traceparent`), when tracing is on. */
  trace?: Record<string, string>;
}

const tracer = trace.getTracer('thidua-jobs');

/**
 * Adds the current request id and trace context to a job's data (when it has none): the job's logs, mails and
 * spans then name the request that caused them. Data that is not a plain object is left alone.
 */
export function withJobTrace<T>(data: T): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  const requestId = currentRequest()?.requestId;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...record,
    ...(requestId && record.requestId === undefined ? { requestId } : {}),
    ...(Object.keys(carrier).length > 0 && record.trace === undefined ? { trace: carrier } : {}),
  } as T;
}

/**
 * Wraps a job handler: it runs in a request context with the id of the request that queued it (or a new one), in a
 * span `job <name>` continuing that request's trace, and its duration and failures are counted.
 */
export function instrumentJob<T>(name: string, handler: JobHandler<T>): JobHandler<T> {
  return async (data, meta) => {
    const info = (typeof data === 'object' && data !== null ? data : {}) as JobTrace;
    const requestId = typeof info.requestId === 'string' ? info.requestId : `job-${randomUUID()}`;
    const parent = info.trace ? propagation.extract(context.active(), info.trace) : context.active();
    const end = jobDuration.startTimer({ job: name });
    return runWithRequestContext(requestId, () =>
      tracer.startActiveSpan(`job ${name}`, { attributes: { 'thidua.job': name, 'thidua.request_id': requestId, 'thidua.job.attempt': meta.attempt } }, parent, async (span) => {
        try {
          await handler(data, meta);
          end({ outcome: 'ok' });
        } catch (err) {
          end({ outcome: 'failed' });
          jobFailures.inc({ job: name });
          span.recordException(err instanceof Error ? err : String(err));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw err;
        } finally {
          span.end();
        }
      }),
    );
  };
}
