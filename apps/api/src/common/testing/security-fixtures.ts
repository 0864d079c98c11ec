import { createServer, type Server } from 'node:net';
import { deflateRawSync } from 'node:zlib';

/* Fixtures of the security tests (unit and integration): hand-made zips, the EICAR file, a fake clamd. */

/** A zip built by hand: entries stored deflated; `declaredSize` lets a test make the directory lie. */
/** `packed`: an already raw-deflated stream to use instead of deflating `data` (for streams too big to hold inflated). */
export function makeZip(entries: Array<{ name: string; data?: Buffer; packed?: Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = e.packed ?? deflateRawSync(e.data ?? Buffer.alloc(0));
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data?.length ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

/** The EICAR test file (not a virus; every scanner reports it). */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A fake clamd speaking the INSTREAM protocol (zINSTREAM\0, length-prefixed chunks, zero chunk),
 * answering FOUND when the stream contains the EICAR string. Used because no ClamAV signature
 * database can be downloaded here (see docs/security.md).
 */
export function fakeClamd(answer?: string): Promise<{ server: Server; port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!buf.subarray(0, 10).equals(Buffer.from('zINSTREAM\0'))) return;
      let p = 10;
      const chunks: Buffer[] = [];
      while (p + 4 <= buf.length) {
        const len = buf.readUInt32BE(p);
        if (len === 0) {
          const data = Buffer.concat(chunks);
          received.push(data);
          socket.end(answer ?? (data.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0'));
          return;
        }
        if (p + 4 + len > buf.length) return;
        chunks.push(buf.subarray(p + 4, p + 4 + len));
        p += 4 + len;
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, received })));
}
