import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment (embedded database, in-process jobs)', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database.isEmbedded).toBe(true);
    expect(c.redis.url).toBeUndefined();
    expect(c.uploads.dir).toBe('.data/uploads');
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
