import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface SendResult {
  responseCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * One POST to a checked address: the connection goes to `address` (the one the SSRF check resolved, so DNS cannot
 * answer differently the second time), the Host header and TLS name stay the URL's. Redirects are not followed (a
 * 3xx is a failed attempt). The answer's body is read up to 64 KiB and dropped.
 */
export function postWebhook(url: URL, address: string, family: 4 | 6, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number((process.hrtime.bigint() - started) / 1_000_000n);
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<SendResult, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      resolve({ ...r, durationMs: elapsed() });
    };
    const req = send(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'ThiDua-Flow-Webhooks/1' }, lookup, timeout: timeoutMs },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        const finish = (): void => {
          const code = res.statusCode ?? null;
          done({ responseCode: code, error: code !== null && code >= 200 && code < 300 ? null : `HTTP ${code ?? '?'}` });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error(`timed out after ${timeoutMs} ms`));
    });
    req.on('error', (err) => done({ responseCode: null, error: err.message.slice(0, 500) }));
    req.end(body);
  });
}
