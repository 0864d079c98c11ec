import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { gzipAssets } from './gzip-assets';

describe('gzipAssets', () => {
  const base = mkdtempSync(join(tmpdir(), 'gzip-assets-'));
  const dir = join(base, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  const script = `export const x = ${JSON.stringify('a'.repeat(5000))};\n`;
  writeFileSync(join(dir, 'assets', 'index-abc.js'), script);
  writeFileSync(join(dir, 'assets', 'index-abc.js.map'), '{}');
  writeFileSync(join(base, 'outside.js'), 'not an asset');
  const app = express();
  app.use(gzipAssets(dir));
  app.use(express.static(dir));
  app.use((_req, res) => res.status(404).send('fallthrough'));

  it('sends a script gzipped, with its type and Vary, to a browser that accepts gzip', async () => {
    const res = await request(app).get('/assets/index-abc.js').set('Accept-Encoding', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toBe('Accept-Encoding');
    // The length on the wire is the compressed one; the client (superagent) hands over the inflated text.
    expect(Number(res.headers['content-length'])).toBeLessThan(script.length / 10);
    expect(res.text).toBe(script);
  });

  it('leaves the rest to the static handler: no gzip accepted, source maps, paths outside, missing files', async () => {
    const plain = await request(app).get('/assets/index-abc.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
    const map = await request(app).get('/assets/index-abc.js.map').set('Accept-Encoding', 'gzip');
    expect(map.headers['content-encoding']).toBeUndefined();
    // A script named outside the folder (an encoded ../..) is not read.
    const outside = await request(app).get('/assets/..%2f..%2foutside.js').set('Accept-Encoding', 'gzip');
    expect(outside.headers['content-encoding']).toBeUndefined();
    expect(outside.status).toBe(404);
    const missing = await request(app).get('/assets/nope.js').set('Accept-Encoding', 'gzip');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('fallthrough');
  });
});
