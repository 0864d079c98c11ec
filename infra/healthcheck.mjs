#!/usr/bin/env node
// Container health check for every role of the image (docker HEALTHCHECK; compose).
// With METRICS_PORT set, the ops listener's /health answers for api and worker alike; without it, the api is asked
// on PORT at /api/health, and a worker, which serves no API, cannot be checked: that is a configuration error.
const role = process.env.PROCESS_ROLE ?? 'all';
const opsPort = process.env.METRICS_PORT;
const url = opsPort
  ? `http://127.0.0.1:${opsPort}/health`
  : role === 'worker'
    ? null
    : `http://127.0.0.1:${process.env.PORT ?? 3000}/api/health`;
if (!url) {
  console.error('healthcheck: a worker is checked on its ops listener; set METRICS_PORT');
  process.exit(1);
}
// node:http, not fetch: loading fetch's implementation costs more than the whole check on a busy host.
const { get } = await import('node:http');
const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 3000);
const req = get(url, { timeout: timeoutMs }, (res) => {
  res.resume();
  if (res.statusCode === 200) process.exit(0);
  console.error(`healthcheck (${role}): ${url} answered ${res.statusCode}`);
  process.exit(1);
});
req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
req.on('error', (e) => {
  console.error(`healthcheck (${role}): ${url}: ${e.message}`);
  process.exit(1);
});
