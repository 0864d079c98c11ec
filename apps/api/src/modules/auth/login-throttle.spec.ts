import { LoginThrottle } from './login-throttle';
import { ConfigError, loadConfig } from '../../config/app-config';

describe('per-IP login throttle', () => {
  it('allows N attempts per window per address, then refuses until the window slides', () => {
    const t = new LoginThrottle(3, 60_000);
    expect([0, 1, 2].map((i) => t.tryAcquire('1.1.1.1', 1000 + i))).toEqual([true, true, true]);
    expect(t.tryAcquire('1.1.1.1', 2000)).toBe(false);
    expect(t.tryAcquire('2.2.2.2', 2000)).toBe(true);
    expect(t.tryAcquire('1.1.1.1', 61_001)).toBe(true);
  });
});

describe('LOGIN_THROTTLE_PER_MINUTE', () => {
  it('defaults to 30, is read from the environment and must be a positive integer', () => {
    expect(loadConfig({}).auth.throttlePerMinute).toBe(30);
    expect(loadConfig({ LOGIN_THROTTLE_PER_MINUTE: '120' }).auth.throttlePerMinute).toBe(120);
    expect(() => loadConfig({ LOGIN_THROTTLE_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOGIN_THROTTLE_PER_MINUTE: 'many' })).toThrow(/LOGIN_THROTTLE_PER_MINUTE/);
  });
});
