import type { NextFunction, Request, Response } from 'express';
import { currentRequest, runWithRequestContext } from '../logging/request-context';
import { loadShedding } from './load-shedding';

function fakeRes() {
  const listeners: Record<string, Array<() => void>> = {};
  const res = {
    statusCode: 200,
    headers: {} as Record<string, string>,
    body: undefined as unknown,
    setHeader(n: string, v: string) {
      this.headers[n.toLowerCase()] = v;
    },
    getHeader: () => 'rid',
    status(c: number) {
      this.statusCode = c;
      return this;
    },
    json(b: unknown) {
      this.body = b;
      return this;
    },
    once(ev: string, fn: () => void) {
      (listeners[ev] ??= []).push(fn);
      return this;
    },
    emit(ev: string) {
      for (const fn of listeners[ev] ?? []) fn();
    },
  };
  return res;
}

describe('loadShedding', () => {
  const req = (path = '/api/items', method = 'GET') => ({ path, method, headers: {} }) as unknown as Request;

  it('sheds the request past the limit at once with 503 + Retry-After, and admits again when one finishes', () => {
    const mw = loadShedding(2);
    const next = jest.fn() as unknown as NextFunction;
    const a = fakeRes();
    const b = fakeRes();
    const c = fakeRes();
    mw(req(), a as unknown as Response, next);
    mw(req(), b as unknown as Response, next);
    mw(req(), c as unknown as Response, next);
    expect(next).toHaveBeenCalledTimes(2);
    expect(c.statusCode).toBe(503);
    expect(c.headers['retry-after']).toBe('1');
    expect(c.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { reason: 'overloaded', limit: 2 } });
    a.emit('finish');
    a.emit('close'); // counted once
    const d = fakeRes();
    mw(req(), d as unknown as Response, next);
    expect(next).toHaveBeenCalledTimes(3);
    const e = fakeRes();
    mw(req(), e as unknown as Response, next);
    expect(e.statusCode).toBe(503);
  });

  it('never sheds liveness, and 0 turns it off', () => {
    const next = jest.fn() as unknown as NextFunction;
    const full = loadShedding(1);
    full(req(), fakeRes() as unknown as Response, next);
    full(req('/api/health'), fakeRes() as unknown as Response, next);
    full(req('/api/auth/login', 'POST'), fakeRes() as unknown as Response, next); // bounded by the login throttle and the hash queue
    const shed = fakeRes();
    full(req('/api/auth/login', 'GET'), shed as unknown as Response, next);
    expect(shed.statusCode).toBe(503);
    const off = loadShedding(0);
    for (let i = 0; i < 5; i++) off(req(), fakeRes() as unknown as Response, next);
    expect(next).toHaveBeenCalledTimes(8);
  });

  it('lets a request parked in its own bounded queue give its slot back once (releaseLoadSlot)', () => {
    const mw = loadShedding(1);
    const next = jest.fn() as unknown as NextFunction;
    const a = fakeRes();
    let release: (() => void) | undefined;
    runWithRequestContext('r1', () => {
      mw(req(), a as unknown as Response, next);
      release = currentRequest()?.releaseLoadSlot;
    });
    const b = fakeRes();
    mw(req(), b as unknown as Response, next);
    expect(b.statusCode).toBe(503);
    release!();
    release!();
    a.emit('finish'); // already given back: not counted twice
    mw(req(), fakeRes() as unknown as Response, next);
    const d = fakeRes();
    mw(req(), d as unknown as Response, next);
    expect(next).toHaveBeenCalledTimes(2);
    expect(d.statusCode).toBe(503);
  });
});
