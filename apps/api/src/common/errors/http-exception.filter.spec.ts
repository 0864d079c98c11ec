import { type ArgumentsHost, NotFoundException } from '@nestjs/common';
import { ERROR_HTTP_STATUS, type ErrorCode } from '@thidua/contracts';
import { AppError } from './app-error';
import { ERROR_MESSAGES } from './error-messages';
import { HttpExceptionFilter, renderError } from './http-exception.filter';

function hostFor(acceptLanguage?: string) {
  const res = {
    statusCode: 0,
    body: undefined as unknown,
    headersSent: false,
    headers: {} as Record<string, string>,
    setHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
      return this;
    },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(b: unknown) {
      this.body = b;
      return this;
    },
    getHeader: () => 'req-1',
  };
  const req = { headers: { 'accept-language': acceptLanguage }, originalUrl: '/api/x?secret=1' };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  return { res, host };
}

describe('HttpExceptionFilter', () => {
  const filter = new HttpExceptionFilter();

  it('maps every code to its fixed status and a message in both languages', () => {
    for (const code of Object.keys(ERROR_HTTP_STATUS) as ErrorCode[]) {
      expect(ERROR_MESSAGES[code].vi.length).toBeGreaterThan(0);
      expect(ERROR_MESSAGES[code].en.length).toBeGreaterThan(0);
      const { res, host } = hostFor('en');
      filter.catch(new AppError(code), host);
      expect(res.statusCode).toBe(ERROR_HTTP_STATUS[code]);
    }
  });

  it('names each bad field of a validation error, localised', () => {
    const { res, host } = hostFor('vi');
    filter.catch(AppError.validation([{ path: 'body.email', reason: 'invalid_format', message: 'x' }]), host);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'body.email', reason: 'invalid_format', message: 'Sai định dạng.' }],
    });
  });

  it('answers unknown errors with 500 and the request id, never the stack', () => {
    const { res, host } = hostFor('en');
    filter.catch(new TypeError('secret detail at foo.ts:12'), host);
    expect(res.statusCode).toBe(500);
    const text = JSON.stringify(res.body);
    expect(text).toContain('req-1');
    expect(text).not.toContain('secret detail');
    expect(text).not.toContain('foo.ts');
  });

  it('answers a database or queue that cannot be reached with 503 SERVICE_UNAVAILABLE and Retry-After, not 500', () => {
    const cases: Array<[unknown, string]> = [
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', port: 5432 }), 'database'],
      [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'database'],
      [new Error('Connection terminated unexpectedly'), 'database'],
      [Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'database'],
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', port: 6379 }), 'queue'],
      [new Error('job queue unavailable: add timed out after 5000 ms'), 'queue'],
    ];
    for (const [err, dependency] of cases) {
      const { res, host } = hostFor('en');
      filter.catch(err, host);
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { dependency } });
    }
  });

  it('maps framework exceptions (unknown route) to stable codes', () => {
    const { res, host } = hostFor(undefined);
    filter.catch(new NotFoundException(), host);
    expect(res.statusCode).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Không tìm thấy đường dẫn.' });
  });

  it('answers an RFC 9457 problem document with the code, request id and fields as extensions', () => {
    const { res, host } = hostFor('en');
    filter.catch(new AppError('VERSION_CONFLICT', { details: { currentVersion: 3 } }), host);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({
      type: 'urn:thidua:problem:version-conflict',
      title: 'Version conflict',
      status: 409,
      detail: 'Someone else has just changed this record. Please reload.',
      instance: '/api/x',
      code: 'VERSION_CONFLICT',
      requestId: 'req-1',
      details: { currentVersion: 3 },
    });
  });

  it('renders parameters into the message', () => {
    const body = renderError(new AppError('ACCOUNT_LOCKED', { params: { minutes: 15 } }), 'en', 'r');
    expect(body.detail).toContain('15 minute');
  });
});
