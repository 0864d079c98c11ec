import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment (embedded database, in-process jobs)', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database.isEmbedded).toBe(true);
    expect(c.redis.url).toBeUndefined();
    expect(c.uploads.dir).toBe('.data/uploads');
  });

  it('reads the trust-proxy setting as Express takes it, and the observability settings', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ METRICS_TOKEN: 'x'.repeat(16), METRICS_PORT: '9464' }).metrics).toEqual({ token: 'x'.repeat(16), port: 9464, host: '0.0.0.0' });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  });

  it('uses DATABASE_URL and REDIS_URL when set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', REDIS_URL: 'redis://cache:6379' });
    expect(c.database).toMatchObject({ url: 'postgres://u@db:5432/x', isEmbedded: false });
    expect(c.redis.url).toBe('redis://cache:6379');
  });

  it('refuses to start and lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'not a url', PORT: 'eighty', REDIS_URL: 'http://x', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'PORT', 'REDIS_URL']);
    expect((error as ConfigError).message).toContain('DATABASE_URL');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.isEmbedded).toBe(true);
  });
});
