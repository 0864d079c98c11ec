import { buildPreloadedTree, type UnitSummary } from './tree.service';

const u = (id: string, path: string, parentId: string | null, kind: UnitSummary['kind']): UnitSummary => ({ id, code: id.toUpperCase(), kind, name: id, path, parentId, depth: path.split('/').length - 3, status: 'active' });

describe('preloaded tree view', () => {
  const tree = buildPreloadedTree([
    u('vn', '/000001/', null, 'confederation'),
    u('nt', '/000001/000002/', 'vn', 'province_federation'),
    u('yt', '/000001/000002/000003/', 'nt', 'upper_union'),
    u('bv', '/000001/000002/000003/000004/', 'yt', 'grassroots_union'),
  ]);

  it('finds units by id or code', () => {
    expect(tree.unit('bv')?.kind).toBe('grassroots_union');
    expect(tree.unit('YT')?.id).toBe('yt');
    expect(tree.unit('nope')).toBeUndefined();
  });

  it('lists ancestors root first, from the path', () => {
    expect(tree.ancestors('bv').map((a) => a.id)).toEqual(['vn', 'nt', 'yt']);
    expect(tree.ancestors('vn')).toEqual([]);
  });

  it('answers isWithin by path prefix', () => {
    expect(tree.isWithin('bv', 'nt')).toBe(true);
    expect(tree.isWithin('bv', 'bv')).toBe(true);
    expect(tree.isWithin('nt', 'bv')).toBe(false);
    expect(tree.isWithin('bv', 'missing')).toBe(false);
  });
});
