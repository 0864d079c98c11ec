import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
// s3rver ships no types; it is a fake S3 server on the local disk, started here on a free port.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<{ address(): { port: number } }>; close(): Promise<void> };
import { StorageKeys1796177256330 } from '../../src/database/migrations/1796177256330-storage-keys';
import type { TestApp } from '../support/test-app';
import { PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, type Client } from '../workflow/workflow-test-kit';

const BUCKET = 'thidua-test';
const MB = 1024 * 1024;

/** A file of `bytes` that sniffs as a PDF (header, random body, trailer), written in 1 MiB pieces. */
async function pdfFile(dir: string, bytes: number): Promise<{ path: string; sha256: string }> {
  const path = join(dir, `big-${bytes}.pdf`);
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const write = (b: Buffer) => new Promise<void>((ok) => (out.write(b) ? ok() : out.once('drain', () => ok())));
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  await write(head);
  hash.update(head);
  let left = bytes - head.length - tail.length;
  while (left > 0) {
    const piece = randomBytes(Math.min(MB, left));
    await write(piece);
    hash.update(piece);
    left -= piece.length;
  }
  await write(tail);
  hash.update(tail);
  await new Promise<void>((ok) => out.end(() => ok()));
  return { path, sha256: hash.digest('hex') };
}

async function sha256OfStream(s: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const c of s) hash.update(c as Buffer);
  return hash.digest('hex');
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  for (let port = 4650 + Math.floor(Math.random() * 40); port < 4700; port += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port in 4650–4699');
}

async function newPlan(t: TestApp, officer: Client): Promise<string> {
  const unitId = await unitIdByCode(t, 'CDCS-YT-TCYT');
  return (await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Tệp', data: PLAN_DATA }).expect(201)).body.id as string;
}

describe('files behind the storage port', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'thidua-storage-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('S3-compatible (s3rver started here)', () => {
    let s3: InstanceType<typeof S3rver>;
    let port: number;
    let t: TestApp;
    let officer: Client;
    let client: S3Client;

    beforeAll(async () => {
      port = await freePort();
      s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: BUCKET }] });
      await s3.run();
      const settings = { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1' };
      t = await startWorkflowApp({ STORAGE_DRIVER: 's3', ...settings, S3_KEY_PREFIX: 'att/', UPLOAD_MAX_BYTES: String(60 * MB) });
      officer = await signIn(t.app, 'canbo.yt-tcyt');
      client = new S3Client({ endpoint: settings.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    });
    afterAll(async () => {
      client?.destroy();
      await t?.close();
      await s3?.close();
    });

    it('streams a 50 MB upload into the bucket and back, keyed by object key; memory grows far less than the file', async () => {
      const itemId = await newPlan(t, officer);
      const file = await pdfFile(dir, 50 * MB);
      global.gc?.();
      const before = process.memoryUsage().rss;
      const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      let peak = before;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        heapPeak = Math.max(heapPeak, m.heapUsed + m.arrayBuffers);
      }, 10);
      let res;
      try {
        res = await officer.upload(`/api/items/${itemId}/attachments`).attach('file', file.path, { filename: 'bao-cao.pdf', contentType: 'application/pdf' });
      } finally {
        clearInterval(sampler);
      }
      expect(res.status).toBe(201);
      const growthMb = (peak - before) / MB;
      const heapGrowthMb = (heapPeak - heapBefore) / MB;
      // Reported in docs/operations.md. This one process runs the HTTP client, the API and s3rver; the file held whole
      // (multer's memory storage, a Buffer handed to the SDK) would add at least its 50 MB.
      process.stdout.write(`storage: peak growth during a 50 MB upload to S3: RSS ${growthMb.toFixed(1)} MB, heap+buffers ${heapGrowthMb.toFixed(1)} MB\n`);
      expect(growthMb).toBeLessThan(50);
      expect(res.body).toMatchObject({ sizeBytes: 50 * MB, sha256: file.sha256, contentType: 'application/pdf' });

      const [row] = await t.dataSource.query(`SELECT storage_key AS "key" FROM work_item_attachment WHERE id = $1`, [res.body.id]);
      expect(row.key).toBe(`${itemId}/${res.body.id}`);
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `att/${row.key}` }));
      expect(head.ContentLength).toBe(50 * MB);
      expect(await sha256OfStream((await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `att/${row.key}` }))).Body as Readable)).toBe(file.sha256);

      // Downloaded through the API (streamed from the bucket by the server), byte for byte.
      const dl = await officer
        .get(`/api/items/${itemId}/attachments/${res.body.id}`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(dl.status).toBe(200);
      expect(dl.headers['content-length']).toBe(String(50 * MB));
      expect((dl.body as Buffer).length).toBe(50 * MB);
      expect(createHash('sha256').update(dl.body as Buffer).digest('hex')).toBe(file.sha256);
      await rm(file.path);
    });

    it('still refuses a file whose bytes do not match its name, and leaves nothing in the bucket or the temp folder', async () => {
      const itemId = await newPlan(t, officer);
      const res = await officer.upload(`/api/items/${itemId}/attachments`).attach('file', Buffer.from('MZ\x90\x00 not a pdf'), { filename: 'x.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('FILE_TYPE_MISMATCH');
      expect(await t.dataSource.query(`SELECT 1 FROM work_item_attachment WHERE item_id = $1`, [itemId])).toHaveLength(0);
    });
  });

  describe('local disk', () => {
    let t: TestApp;
    let officer: Client;
    const uploads = (): string => join(dir, 'local-uploads');

    beforeAll(async () => {
      t = await startWorkflowApp({ STORAGE_DRIVER: 'local', UPLOAD_DIR: uploads() });
      officer = await signIn(t.app, 'canbo.yt-tcyt');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('keeps the file under UPLOAD_DIR at its key, and serves it', async () => {
      const itemId = await newPlan(t, officer);
      const body = Buffer.from('%PDF-1.4\nnội dung\n%%EOF\n');
      const res = await officer.upload(`/api/items/${itemId}/attachments`).attach('file', body, { filename: 'bien-ban.pdf', contentType: 'application/pdf' }).expect(201);
      const [row] = await t.dataSource.query(`SELECT storage_key AS "key" FROM work_item_attachment WHERE id = $1`, [res.body.id]);
      expect(row.key).toBe(`${itemId}/${res.body.id}`);
      expect(existsSync(join(uploads(), row.key))).toBe(true);
      const dl = await officer.get(`/api/items/${itemId}/attachments/${res.body.id}`).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(dl.status).toBe(200);
      expect(Buffer.compare(dl.body as Buffer, body)).toBe(0);
    });

    it('the migration turns absolute paths into keys', async () => {
      const ds = t.dataSource;
      const itemId = await newPlan(t, officer);
      const id = '11111111-2222-4333-8444-555555555555';
      await ds.query(`ALTER TABLE work_item_attachment RENAME COLUMN storage_key TO storage_path`);
      try {
        await ds.query(
          `INSERT INTO work_item_attachment (id, item_id, file_name, content_type, size_bytes, sha256, storage_path, uploaded_by) VALUES ($1, $2, 'a.pdf', 'application/pdf', 1, 'x', $3, $4)`,
          [id, itemId, `/srv/thidua/.data/uploads/${itemId}/${id}`, officer.userId],
        );
      } finally {
        await new StorageKeys1796177256330().up({ query: (q: string) => ds.query(q) } as never);
      }
      const [row] = await ds.query(`SELECT storage_key AS "key" FROM work_item_attachment WHERE id = $1`, [id]);
      expect(row.key).toBe(`${itemId}/${id}`);
    });
  });

  it('boot refuses STORAGE_DRIVER=s3 without its bucket and credentials, listing them', async () => {
    const { loadConfig } = await import('../../src/config/app-config');
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'Bad_Bucket', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })).toThrow(/S3_BUCKET/);
    expect(loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'ok-bucket', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' }).storage.s3?.bucket).toBe('ok-bucket');
  });
});
