import { makeZip } from '../testing/security-fixtures';
import { inspectZip } from './safe-zip';


const LIMITS = { maxBytes: 1024 * 1024, maxInflatedBytes: 1024 * 1024, maxEntries: 10 };

describe('inspectZip', () => {
  it('returns the inflated entries of an honest zip', () => {
    const entries = inspectZip(makeZip([{ name: 'a.xml', data: Buffer.from('<a>xin chào</a>') }]), LIMITS);
    expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual([['a.xml', '<a>xin chào</a>']]);
  });

  it('refuses a zip bomb from its central directory, before inflating anything', () => {
    const bomb = makeZip([{ name: 'sheet.xml', data: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(16 * 1024);
    expect(() => inspectZip(bomb, LIMITS)).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 'inflated_bytes', max: LIMITS.maxInflatedBytes } }));
  });

  it('stops inflating at the limit when the directory lies about the sizes', () => {
    const liar = makeZip([{ name: 'sheet.xml', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 100 }]);
    expect(() => inspectZip(liar, LIMITS)).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
  });

  it('refuses too many entries, too many bytes and garbage', () => {
    const many = makeZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect(() => inspectZip(many, LIMITS)).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 'entries', max: 10 } }));
    expect(() => inspectZip(Buffer.alloc(LIMITS.maxBytes + 1), LIMITS)).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(() => inspectZip(Buffer.from('not a zip at all, just text'), LIMITS)).toThrow(expect.objectContaining({ code: 'FILE_MALFORMED' }));
    const cut = makeZip([{ name: 'a', data: Buffer.from('hello world') }]);
    expect(() => inspectZip(cut.subarray(0, cut.length - 30), LIMITS)).toThrow(expect.objectContaining({ code: 'FILE_MALFORMED' }));
  });
});
