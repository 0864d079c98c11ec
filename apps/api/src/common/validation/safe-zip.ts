import { inflateRawSync } from 'node:zlib';
import { AppError } from '../errors/app-error';

export interface ZipLimits {
  /** Largest accepted file as uploaded. */
  maxBytes: number;
  /** Largest total of every entry once inflated. */
  maxInflatedBytes: number;
  maxEntries: number;
}

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

function tooLarge(what: string, limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', { details: { limit: what, max: limit } });
}

function malformed(reason: string): AppError {
  return new AppError('FILE_MALFORMED', { details: { reason } });
}

/**
 * Checks a zip container (.xlsx, .docx) BEFORE anything inflates it: the central directory's entry
 * count and declared sizes first (a zip bomb is refused from its directory, in microseconds), then
 * each entry is inflated with `maxOutputLength` set to what is left of the budget, so even a zip
 * whose directory lies never produces more than the limit in memory. Returns the inflated entries.
 * Zip64, encryption and methods other than stored/deflate are refused as malformed.
 */
export function inspectZip(zip: Buffer, limits: ZipLimits): ZipEntryData[] {
  if (zip.length > limits.maxBytes) throw tooLarge('bytes', limits.maxBytes);
  if (zip.length < 22 || zip.readUInt32LE(0) !== 0x04034b50) throw malformed('not a zip file');
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i -= 1) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw malformed('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const dirSize = zip.readUInt32LE(eocd + 12);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw malformed('zip64 is not accepted');
  if (count > limits.maxEntries) throw tooLarge('entries', limits.maxEntries);
  if (dirOffset + dirSize > eocd) throw malformed('central directory out of bounds');

  interface Entry { name: string; method: number; flags: number; compressed: number; size: number; local: number }
  const entries: Entry[] = [];
  let declared = 0;
  let p = dirOffset;
  for (let k = 0; k < count; k += 1) {
    if (p + 46 > eocd || zip.readUInt32LE(p) !== 0x02014b50) throw malformed('bad central directory entry');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressed === 0xffffffff) throw malformed('zip64 is not accepted');
    if (flags & 0x1) throw malformed('encrypted entries are not accepted');
    if (method !== 0 && method !== 8) throw malformed(`compression method ${method}`);
    declared += size;
    if (declared > limits.maxInflatedBytes) throw tooLarge('inflated_bytes', limits.maxInflatedBytes);
    entries.push({ name, method, flags, compressed, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }

  let budget = limits.maxInflatedBytes;
  const out: ZipEntryData[] = [];
  for (const e of entries) {
    if (e.local + 30 > zip.length || zip.readUInt32LE(e.local) !== 0x04034b50) throw malformed('bad local header');
    const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
    if (start + e.compressed > zip.length) throw malformed('entry out of bounds');
    const raw = zip.subarray(start, start + e.compressed);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else {
      try {
        // One byte over the budget is enough to know the entry lied about its size.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget + 1) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge('inflated_bytes', limits.maxInflatedBytes);
        throw malformed('corrupt deflate data');
      }
    }
    budget -= data.length;
    if (budget < 0) throw tooLarge('inflated_bytes', limits.maxInflatedBytes);
    out.push({ name: e.name, data });
  }
  return out;
}
