import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '@thidua/contracts';
import { createTranslate } from '../i18n/dictionary';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { ApiError, isApiError } from './api-error';
import { describeError } from './describe-error';

const problem = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

describe('ApiError.fromResponse', () => {
  it('reads an RFC 9457 problem document', async () => {
    const body: ErrorBody = {
      type: 'urn:thidua:problem:validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'Dữ liệu không hợp lệ',
      instance: '/api/auth/password',
      code: 'VALIDATION_FAILED',
      requestId: 'req-1',
      fields: [
        { path: 'body.newPassword', reason: 'too_small', message: 'Quá ngắn' },
        { path: 'body.newPassword', reason: 'other', message: 'Second problem' },
      ],
    };
    const error = await ApiError.fromResponse(problem(400, body), 'vi');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', requestId: 'req-1', language: 'vi' });
    expect(error.fieldMessages()).toEqual({ newPassword: 'Quá ngắn' });
    expect(isApiError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(isApiError(error, 'NOT_FOUND')).toBe(false);
  });

  it('derives a code from the status when the body is not an ErrorBody', async () => {
    const proxyPage = new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'x-request-id': 'gw-9' } });
    const error = await ApiError.fromResponse(proxyPage);
    expect(error).toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE', message: '', requestId: 'gw-9' });
    expect(error.isTransient).toBe(true);
    expect((await ApiError.fromResponse(new Response(null, { status: 404 }))).code).toBe('NOT_FOUND');
    expect((await ApiError.fromResponse(new Response('', { status: 500 }))).code).toBe('INTERNAL');
  });
});

describe('describeError', () => {
  const tVi = createTranslate(vi);
  const tEn = createTranslate(en);
  const invalid = new ApiError({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Sai mật khẩu (còn 2 lần thử)', language: 'vi' });

  it("prefers the server's message when it is in the language on screen", () => {
    expect(describeError(invalid, tVi, 'vi')).toBe('Sai mật khẩu (còn 2 lần thử)');
  });

  it('uses the dictionary after the user switched language', () => {
    expect(describeError(invalid, tEn, 'en')).toBe(en['errorCode.INVALID_CREDENTIALS']);
  });

  it('explains network failures and unknown errors', () => {
    expect(describeError(ApiError.network(new TypeError('fetch failed')), tVi, 'vi')).toBe(vi['errorCode.NETWORK_ERROR']);
    expect(describeError(new Error('boom'), tEn, 'en')).toBe(en['errorCode.INTERNAL']);
    const future = new ApiError({ status: 409, code: 'SOME_NEW_CODE', message: 'Server text', language: 'en' });
    expect(describeError(future, tVi, 'vi')).toBe('Server text');
  });
});
