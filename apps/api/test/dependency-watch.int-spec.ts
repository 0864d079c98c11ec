import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { rootLogger } from '../src/common/logging/logger';
import { DependencyMonitor } from '../src/modules/health';
import { startTestApp, type TestApp } from './support/test-app';

/** A private Redis that this suite stops and starts again; CI installs redis-server (.ci/run). */
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const describeWithRedis = hasRedis ? describe : describe.skip;
if (!hasRedis) console.warn('dependency-watch: redis-server is not installed; the Redis down/up test is skipped');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('Ready to accept connections') && resolve(child));
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}`)));
  });
}

describeWithRedis('warnings when Redis goes down and comes back', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}/0` });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    redis?.kill();
  }, 180_000);

  it('logs a warning when the queue stops answering and another when it answers again', async () => {
    const monitor = t.app.get(DependencyMonitor, { strict: false });
    const warn = jest.spyOn(rootLogger(), 'warn');
    try {
      await monitor.check();
      expect(warn).not.toHaveBeenCalled();
      const exited = new Promise((r) => redis.once('exit', r));
      redis.kill('SIGKILL');
      await exited;
      // Two failed checks in a row make an outage.
      await monitor.check();
      await monitor.check();
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ dependency: 'queue' }), 'Redis (job queue) is not answering');
      redis = await startRedis(port);
      const until = Date.now() + 30_000;
      while (!warn.mock.calls.some((c) => c[1] === 'Redis (job queue) is answering again') && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
        await monitor.check();
      }
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ dependency: 'queue', downForMs: expect.any(Number) }), 'Redis (job queue) is answering again');
      expect(warn.mock.calls.filter((c) => c[1] === 'Redis (job queue) is not answering')).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  }, 120_000);
});
