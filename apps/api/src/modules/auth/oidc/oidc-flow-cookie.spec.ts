import { newFlow, openFlow, sealFlow } from './oidc-flow-cookie';

describe('the sealed OIDC flow cookie', () => {
  const secret = 'a-secret-of-at-least-thirty-two-bytes-0123';

  it('opens what it sealed, with fresh random state, nonce and a 43-character PKCE verifier', () => {
    const a = newFlow(1_000);
    const b = newFlow(1_000);
    expect(a.state).not.toBe(b.state);
    expect(a.nonce).not.toBe(a.state);
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(openFlow(sealFlow(a, secret), secret, 2_000)).toEqual(a);
  });

  it('refuses an expired, altered, foreign-key or missing cookie', () => {
    const flow = newFlow(1_000);
    const sealed = sealFlow(flow, secret);
    expect(openFlow(sealed, secret, flow.expiresAt)).toBeNull();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(openFlow(raw.toString('base64url'), secret, 2_000)).toBeNull();
    expect(openFlow(sealed, 'another-secret-of-at-least-thirty-two-bytes', 2_000)).toBeNull();
    expect(openFlow(undefined, secret)).toBeNull();
    expect(openFlow('short', secret)).toBeNull();
  });
});
