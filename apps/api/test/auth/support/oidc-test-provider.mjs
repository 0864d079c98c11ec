// A real OpenID Connect provider for the tests (panva's `oidc-provider`), run as its own Node process so that
// it is loaded as the ES module it is (not through Jest's CommonJS transform) and talks to the API over HTTP like
// a province's identity provider would.
//
// Input (env OIDC_TEST_PROVIDER, JSON): { clientId, clientSecret, redirectUri, postLogoutRedirectUri,
//   signingKey (private JWK with kid, RS256; a new one when absent), port (0 = any free one),
//   accounts: { <sub>: { preferred_username, email, email_verified } } }.
// Used by the API's integration test (test/auth/oidc.int-spec.ts) and by CI's browser tests (.ci/run, e2e).
// Output: one line on stdout, {"issuer":"http://127.0.0.1:<port>"}, once it listens.
// Test controls (this process only, never in the product):
//   POST /__test/login-as   {"accountId": "<sub>"}  the account the next login interaction signs in as;
//   POST /__test/tamper     {"mode": "nonce"|"expired"|"forged"|"audience"|"issuer"|null}  rewrites the ID token of
//                           the next token response (re-signed with the provider's key, or another one for "forged").
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, decodeJwt, importJWK } from 'jose';
import Provider from 'oidc-provider';

const input = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
if (!input.signingKey) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  input.signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
}
let nextAccount = null;
let tamper = null;

const server = createServer();
await new Promise((resolve) => server.listen(input.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: input.clientId,
      client_secret: input.clientSecret,
      redirect_uris: [input.redirectUri],
      post_logout_redirect_uris: [input.postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [input.signingKey] },
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email', 'email_verified'] },
  // The claims of the requested scopes go into the ID token too (the API reads them there, not from userinfo).
  conformIdTokenClaims: false,
  cookies: { keys: ['test-provider-cookie-key-0123456789'] },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const claims = input.accounts[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
  // A first-party client: no consent screen, every requested scope granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
});

const realKey = await importJWK(input.signingKey, 'RS256');
const { privateKey: attackerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function rewrite(idToken, mode) {
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'nonce') claims.nonce = 'not-the-nonce-of-this-flow';
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'audience') claims.aud = 'another-client';
  if (mode === 'issuer') claims.iss = 'https://evil.example';
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: input.signingKey.kid, typ: 'JWT' }).sign(mode === 'forged' ? attackerKey : realKey);
}

provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path.startsWith('/__test/')) {
    const chunks = [];
    for await (const c of ctx.req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (ctx.path === '/__test/login-as') nextAccount = body.accountId;
    if (ctx.path === '/__test/tamper') tamper = body.mode ?? null;
    ctx.status = 204;
    return;
  }
  if (ctx.method === 'GET' && ctx.path.startsWith('/interaction/')) {
    // The login page a person would fill in: here the account set by /__test/login-as signs in at once.
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name !== 'login' || !nextAccount) {
      ctx.status = 400;
      ctx.body = { error: `unexpected prompt ${details.prompt.name}` };
      return;
    }
    const url = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
    ctx.redirect(url);
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && tamper && ctx.body && typeof ctx.body.id_token === 'string') {
    ctx.body = { ...ctx.body, id_token: await rewrite(ctx.body.id_token, tamper) };
    tamper = null;
  }
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
