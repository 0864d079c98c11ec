import { checkPassword } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', 'password_too_short'],
    ['password12', 'password_too_short'],
    ['aaaaaaaaaaaa', 'password_weak'],
    ['password1234', 'password_common'],
    ['matkhau12345', 'password_weak'],
    ['123456789012', 'password_common'],
  ])('refuses %j (%s)', (pw, why) => {
    expect(checkPassword(pw)).toBe(why);
  });

  it("refuses the user's own name as a password", () => {
    expect(checkPassword('nguyenvanbinh1', ['nguyenvanbinh'])).toBe('password_weak');
  });

  it('accepts a passphrase', () => {
    expect(checkPassword('Ngọn-đèn-xanh-bên-sông-2026')).toBeNull();
    expect(checkPassword('correct horse battery staple')).toBeNull();
  });
});
