import { describe, expect, it } from 'vitest';
import { ERROR_HTTP_STATUS, ROLES, UNIT_KINDS } from '@thidua/contracts';
import { createTranslate, interpolate, isMessageKey } from './dictionary';
import { en } from './en';
import { vi } from './vi';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(vi[key]) });
    }
  });

  it('have no empty message', () => {
    for (const [key, text] of [...Object.entries(vi), ...Object.entries(en)]) {
      expect({ key, isEmpty: text.trim() === '' }).toEqual({ key, isEmpty: false });
    }
  });

  it('name every role and unit kind of the contracts', () => {
    for (const role of ROLES) expect(isMessageKey(`role.${role}`)).toBe(true);
    for (const kind of UNIT_KINDS) expect(isMessageKey(`unitKind.${kind}`)).toBe(true);
  });

  it('translate the error codes a user meets at sign-in', () => {
    for (const code of ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'TOO_MANY_ATTEMPTS', 'OIDC_NOT_CONFIGURED', 'OIDC_STATE_INVALID', 'OIDC_CODE_REJECTED', 'OIDC_ID_TOKEN_INVALID', 'OIDC_PROVIDER_UNAVAILABLE', 'OIDC_ACCOUNT_NOT_LINKED', 'OIDC_ACCOUNT_DISABLED'] as const) {
      expect(ERROR_HTTP_STATUS[code]).toBeGreaterThan(0);
      expect(isMessageKey(`errorCode.${code}`)).toBe(true);
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} và {b}', { a: 1 })).toBe('1 và {b}');
    const t = createTranslate(vi);
    expect(t('home.greeting', { name: 'Nguyễn Văn An' })).toBe('Xin chào, Nguyễn Văn An.');
    expect(createTranslate(en)('nav.inbox')).toBe('Inbox');
  });
});
