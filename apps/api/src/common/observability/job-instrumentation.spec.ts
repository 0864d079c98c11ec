import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { currentRequest, runWithRequestContext } from '../logging/request-context';
import { instrumentJob, withJobTrace, type JobTrace } from './job-instrumentation';
import { jobFailures, metricsRegistry } from './metrics';

describe('job instrumentation', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  it('stamps queued data with the request id and trace context, and leaves other data alone', () => {
    const data = runWithRequestContext('req-42', () =>
      provider.getTracer('t').startActiveSpan('request', (span) => {
        const out = withJobTrace({ itemId: 'i1' });
        span.end();
        return out;
      }),
    );
    expect(data).toMatchObject({ itemId: 'i1', requestId: 'req-42' });
    expect((data as JobTrace).trace?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(runWithRequestContext('req-43', () => withJobTrace({ requestId: 'first' }))).toEqual({ requestId: 'first' });
    expect(withJobTrace('text')).toBe('text');
  });

  it('runs the handler under the queuing request id, in a span that continues its trace', async () => {
    const queued = runWithRequestContext('req-7', () =>
      provider.getTracer('t').startActiveSpan('request', (span) => {
        const out = withJobTrace({ n: 1 });
        span.end();
        return out;
      }),
    );
    let seen: string | undefined;
    await instrumentJob('demo.job', async () => {
      seen = currentRequest()?.requestId;
    })(queued, { attempt: 1, jobId: 'j1' });
    expect(seen).toBe('req-7');
    const spans = exporter.getFinishedSpans();
    const job = spans.find((s) => s.name === 'job demo.job');
    const parent = spans.find((s) => s.name === 'request');
    expect(job?.attributes['thidua.request_id']).toBe('req-7');
    expect(job?.spanContext().traceId).toBe(parent?.spanContext().traceId);
  });

  it('counts a failed attempt, marks the span as an error and rethrows', async () => {
    const before = (await jobFailures.get()).values.find((v) => v.labels.job === 'demo.fail')?.value ?? 0;
    await expect(instrumentJob('demo.fail', async () => Promise.reject(new Error('boom')))({}, { attempt: 2, jobId: undefined })).rejects.toThrow('boom');
    const after = (await jobFailures.get()).values.find((v) => v.labels.job === 'demo.fail')?.value ?? 0;
    expect(after - before).toBe(1);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'job demo.fail');
    expect(span?.status.code).toBe(2);
    expect(await metricsRegistry.metrics()).toContain('thidua_job_duration_seconds_count{job="demo.fail",outcome="failed"}');
  });

  it('gives a job queued outside any request an id of its own', async () => {
    let seen: string | undefined;
    await instrumentJob('demo.orphan', async () => {
      seen = currentRequest()?.requestId;
    })({}, { attempt: 1, jobId: undefined });
    expect(seen).toMatch(/^job-/);
  });
});
