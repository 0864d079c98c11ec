import { childPath, depthOfPath, encodePathKey, isPathWithin, isWellFormedPath, pathKeys, rebasePath, subtreePattern } from './unit-path';

describe('unit paths', () => {
  it('encodes sequence numbers as fixed-width base-36 keys', () => {
    expect(encodePathKey(1)).toBe('000001');
    expect(encodePathKey(36)).toBe('000010');
    expect(encodePathKey('126000')).toBe('002p80');
    expect(encodePathKey(36 ** 6 - 1)).toBe('zzzzzz');
    expect(() => encodePathKey(0)).toThrow(RangeError);
    expect(() => encodePathKey(36 ** 6)).toThrow(RangeError);
  });

  it('builds child paths and reads depth and keys back', () => {
    const root = childPath(null, '000001');
    const p = childPath(childPath(root, '00000a'), '0000b3');
    expect(p).toBe('/000001/00000a/0000b3/');
    expect(isWellFormedPath(p)).toBe(true);
    expect(depthOfPath(root)).toBe(0);
    expect(depthOfPath(p)).toBe(2);
    expect(pathKeys(p)).toEqual(['000001', '00000a', '0000b3']);
  });

  it('answers subtree membership by prefix, never matching half a key', () => {
    expect(isPathWithin('/000001/00000a/', '/000001/')).toBe(true);
    expect(isPathWithin('/000001/', '/000001/')).toBe(true);
    expect(isPathWithin('/000001/00000a/', '/000001/00000b/')).toBe(false);
    // Fixed width + trailing slash: '/00000a/' cannot be a prefix of '/00000ab...'.
    expect(isPathWithin('/000001/00000a1/', '/000001/00000a/')).toBe(false);
    expect(subtreePattern('/000001/')).toBe('/000001/%');
  });

  it('rebases a moved subtree', () => {
    expect(rebasePath('/000001/000002/000009/', '/000001/000002/', '/000001/000005/000002/')).toBe('/000001/000005/000002/000009/');
    expect(() => rebasePath('/000003/', '/000001/', '/000002/')).toThrow();
  });
});
