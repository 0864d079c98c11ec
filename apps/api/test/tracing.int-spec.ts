import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';

/**
 * Tracing runs in a real process (`node dist/main.js`): the instrumentations patch http, express and pg through
 * Node's own module loader, which Jest replaces. A local OTLP/HTTP receiver collects what the process exports.
 */
interface OtlpSpan {
  name: string;
  kind: number;
  traceId: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

const MAIN = join(__dirname, '..', 'dist', 'main.js');

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('OpenTelemetry traces over OTLP', () => {
  const spans: OtlpSpan[] = [];
  let receiver: Server;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npm run build)`);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const doc = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
          for (const rs of doc.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  });

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('exports spans for incoming HTTP and its PostgreSQL queries when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const port = await freePort();
    const otlp = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO_DATA: 'false',
        RUN_SCHEDULER: 'false',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        OTEL_SERVICE_NAME: 'thidua-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`${base}/api/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`API did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    await fetch(`${base}/api/ready`);
    const until = Date.now() + 20_000;
    const attr = (s: OtlpSpan, key: string) => s.attributes.find((a) => a.key === key)?.value.stringValue;
    const server = () => spans.find((s) => s.kind === 2 && (attr(s, 'http.route') === '/api/ready' || s.name === 'GET /api/ready'));
    const query = () => spans.find((s) => attr(s, 'db.system') === 'postgresql' || attr(s, 'db.system.name') === 'postgresql');
    while ((!server() || !query()) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(server()).toBeDefined();
    expect(query()).toBeDefined();
    // The readiness query ran inside the request's trace.
    expect(spans.some((s) => s.traceId === server()?.traceId && (attr(s, 'db.system') === 'postgresql' || attr(s, 'db.system.name') === 'postgresql'))).toBe(true);
  }, 150_000);
});
