import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { notePrincipalsChanged } from '../../common/auth/principal-changes';
import type { PrincipalAccess } from '../org/index';
import { PrincipalCache } from './principal-cache';
import type { SessionVersionService } from './session-version.service';

const principal = (name: string): Principal => ({ userId: 'u1', username: name, fullName: name, roles: [{ role: 'supervisor', unitId: 'x', unitPath: '/1/', workflows: null, onBehalfOf: null }] });

function setup(changesAt: Date | null = null) {
  let name = 'a';
  let pending: (() => void) | null = null;
  const access = {
    findPrincipalUntil: jest.fn(async () => {
      if (pending) await new Promise<void>((r) => (pending = r));
      return { principal: principal(name), changesAt };
    }),
  };
  const sessions = { forgetAll: jest.fn() };
  const dataSource = { subscribers: [] as unknown[] };
  const cache = new PrincipalCache(access as unknown as PrincipalAccess, sessions as unknown as SessionVersionService, dataSource as unknown as DataSource);
  cache.onModuleInit();
  return {
    cache,
    access,
    sessions,
    dataSource,
    rename: (n: string) => (name = n),
    hold: () => (pending = () => undefined),
    release: () => {
      const p = pending;
      pending = null;
      p?.();
    },
  };
}

describe('PrincipalCache', () => {
  it('reads once per user and session version; another version reads again', async () => {
    const s = setup();
    await s.cache.get('u1', 3, 1_000);
    s.rename('b');
    expect((await s.cache.get('u1', 3, 2_000))!.username).toBe('a');
    expect(s.access.findPrincipalUntil).toHaveBeenCalledTimes(1);
    expect((await s.cache.get('u1', 4, 3_000))!.username).toBe('b');
    expect(s.access.findPrincipalUntil).toHaveBeenCalledTimes(2);
    s.cache.onModuleDestroy();
  });

  it('keeps an entry only until its roles change by the calendar, and at most 5 minutes', async () => {
    const s = setup(new Date(10_000));
    await s.cache.get('u1', 1, 1_000);
    await s.cache.get('u1', 1, 9_999);
    expect(s.access.findPrincipalUntil).toHaveBeenCalledTimes(1);
    await s.cache.get('u1', 1, 10_000);
    expect(s.access.findPrincipalUntil).toHaveBeenCalledTimes(2);
    const t = setup(null);
    await t.cache.get('u1', 1, 0);
    await t.cache.get('u1', 1, 299_999);
    await t.cache.get('u1', 1, 300_000);
    expect(t.access.findPrincipalUntil).toHaveBeenCalledTimes(2);
    s.cache.onModuleDestroy();
    t.cache.onModuleDestroy();
  });

  it('hands out frozen principals', async () => {
    const s = setup();
    const p = await s.cache.get('u1', 1);
    expect(Object.isFrozen(p) && Object.isFrozen(p!.roles) && Object.isFrozen(p!.roles[0])).toBe(true);
    s.cache.onModuleDestroy();
  });

  it('a change noted in a transaction forgets everything once the outermost transaction commits, not at a savepoint nor on rollback', async () => {
    const s = setup();
    await s.cache.get('u1', 1, 0);
    const runner = { isTransactionActive: true, data: {} as Record<string, unknown> };
    notePrincipalsChanged({ queryRunner: runner } as never);
    s.cache.afterTransactionCommit({ queryRunner: runner } as never); // a savepoint: still active
    expect(s.sessions.forgetAll).not.toHaveBeenCalled();
    runner.isTransactionActive = false;
    s.cache.afterTransactionCommit({ queryRunner: runner } as never);
    expect(s.sessions.forgetAll).toHaveBeenCalledTimes(1);
    await s.cache.get('u1', 1, 1);
    expect(s.access.findPrincipalUntil).toHaveBeenCalledTimes(2);

    const rolledBack = { isTransactionActive: true, data: {} as Record<string, unknown> };
    notePrincipalsChanged({ queryRunner: rolledBack } as never);
    rolledBack.isTransactionActive = false;
    s.cache.afterTransactionRollback({ queryRunner: rolledBack } as never);
    s.cache.afterTransactionCommit({ queryRunner: rolledBack } as never);
    expect(s.sessions.forgetAll).toHaveBeenCalledTimes(1);
    // Outside a transaction the change counts at once.
    notePrincipalsChanged(undefined);
    expect(s.sessions.forgetAll).toHaveBeenCalledTimes(2);
    s.cache.onModuleDestroy();
  });

  it('does not keep a principal read while a change was being committed', async () => {
    const s = setup();
    s.hold();
    const reading = s.cache.get('u1', 1, 0);
    await new Promise((r) => setImmediate(r));
    s.cache.forgetAll();
    s.release();
    await reading;
    await s.cache.get('u1', 1, 1);
    expect(s.access.findPrincipalUntil).toHaveBeenCalledTimes(2);
    s.cache.onModuleDestroy();
  });
});
