import { ConfigError, DEFAULT_DEMO_PASSWORD, DEV_JWT_SECRET, PUBLISHED_JWT_SECRETS, loadConfig } from './app-config';

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
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-more-than-32-bytes-x', SEED_DEMO_DATA: 'false' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ METRICS_TOKEN: 'x'.repeat(16), METRICS_PORT: '9464' }).metrics).toEqual({ token: 'x'.repeat(16), port: 9464, host: '0.0.0.0' });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  });

  it('switches single sign-on on with OIDC_ISSUER_URL, with defaults for the links, and checks its settings', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ OIDC_ISSUER_URL: 'https://sso.tinh.gov.vn/realms/tinh', OIDC_CLIENT_ID: 'thidua', PUBLIC_URL: 'https://thidua.tinh.gov.vn/' }).oidc).toEqual({
      issuer: 'https://sso.tinh.gov.vn/realms/tinh',
      clientId: 'thidua',
      clientSecret: undefined,
      redirectUrl: 'https://thidua.tinh.gov.vn/sign-in',
      postLogoutRedirectUrl: 'https://thidua.tinh.gov.vn/sign-in',
      scopes: 'openid profile email',
      linkBy: 'username',
      claim: 'preferred_username',
      requireEmailVerified: true,
      httpTimeoutMs: 5000,
    });
    expect(loadConfig({ OIDC_ISSUER_URL: 'https://sso.example', OIDC_CLIENT_ID: 'c', OIDC_LINK_BY: 'email' }).oidc?.claim).toBe('email');
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems.map((p) => p.split(':')[0]);
      }
    };
    expect(problems({ OIDC_ISSUER_URL: 'https://sso.example' })).toEqual(['OIDC_CLIENT_ID']);
    expect(problems({ OIDC_ISSUER_URL: 'https://sso.example', OIDC_CLIENT_ID: 'c', OIDC_SCOPES: 'profile email' })).toEqual(['OIDC_SCOPES']);
    expect(problems({ OIDC_ISSUER_URL: 'https://sso.example', OIDC_CLIENT_ID: 'c', OIDC_LINK_BY: 'phone' })).toEqual(['OIDC_LINK_BY']);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-more-than-32-bytes-x', SEED_DEMO_DATA: 'false', OIDC_ISSUER_URL: 'http://sso.example', OIDC_CLIENT_ID: 'c' })).toEqual(['OIDC_ISSUER_URL']);
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

describe('loadConfig in production', () => {
  const strong = 'x'.repeat(16) + 'a-real-random-secret-0123456789';
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig({ NODE_ENV: 'production', ...env });
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
  };

  it('refuses to boot without JWT_SECRET', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^JWT_SECRET: required in production/)]);
  });

  it('refuses the published secrets and short ones (bytes, not characters)', () => {
    for (const s of PUBLISHED_JWT_SECRETS) expect(problemsOf({ JWT_SECRET: s })).toEqual([expect.stringMatching(/^JWT_SECRET: is a published default/)]);
    expect(problemsOf({ JWT_SECRET: 'short-secret' })).toEqual(['JWT_SECRET: must be at least 32 bytes']);
    // 16 two-byte characters are 32 bytes: accepted.
    expect(problemsOf({ JWT_SECRET: 'đ'.repeat(16) })).toEqual([]);
  });

  it('refuses demo data and the demo password, listing every reason at once', () => {
    const problems = problemsOf({ SEED_DEMO_DATA: 'true', DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DEMO_PASSWORD', 'JWT_SECRET', 'SEED_DEMO_DATA']);
  });

  it('boots with a strong secret: demo data off and the API docs UI off unless switched on', () => {
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: strong });
    expect(c.seedDemoData).toBe(false);
    expect(c.web.apiDocsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: strong, API_DOCS_ENABLED: 'true' }).web.apiDocsEnabled).toBe(true);
  });

  it('keeps the development defaults outside production', () => {
    const c = loadConfig({});
    expect(c.auth.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(c.seedDemoData).toBe(true);
    expect(c.web.apiDocsEnabled).toBe(true);
    expect(c.web.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).web.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).web.trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  });
});
