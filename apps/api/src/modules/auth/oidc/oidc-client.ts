import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../../../common/errors/app-error';
import type { OidcConfig } from '../../../config/app-config';

/**
 * The relying-party side of OpenID Connect (authorization code flow with PKCE), written against the specs
 * (OpenID Connect Core 1.0 §3.1, Discovery 1.0, RFC 7636) with `jose` for the JWS/JWKS part:
 *  - discovery: `<issuer>/.well-known/openid-configuration`, whose `issuer` must equal the configured one;
 *  - the authorization URL (response_type=code, state, nonce, S256 code challenge);
 *  - the code exchange at the token endpoint (client_secret_basic, or none for a public client);
 *  - the ID token: signature against the provider's JWKS (asymmetric algorithms the provider announces),
 *    `iss`, `aud` (and `azp` when there are several audiences), `exp`/`iat`, `sub`, and the flow's `nonce`.
 * Every refusal is an AppError with a stable code (OIDC_*), never a library's message.
 */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  id_token_signing_alg_values_supported?: string[];
  code_challenge_methods_supported?: string[];
}

export type IdTokenClaims = JWTPayload & { sub: string; nonce?: string; azp?: string; [claim: string]: unknown };

/** Asymmetric JWS algorithms: HS* would need the client secret as key, and `none` is never accepted. */
const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Clock difference tolerated between the provider and this server when checking `exp`, `iat`, `nbf`. */
export const ID_TOKEN_CLOCK_TOLERANCE_S = 60;
const DISCOVERY_TTL_MS = 60 * 60_000;

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function unavailable(what: string, cause?: unknown): AppError {
  return new AppError('OIDC_PROVIDER_UNAVAILABLE', { details: { step: what, ...(cause instanceof Error ? { cause: cause.message.slice(0, 200) } : {}) } });
}

function idTokenInvalid(reason: 'signature' | 'expired' | 'issuer' | 'audience' | 'nonce' | 'claims' | 'missing'): AppError {
  return new AppError('OIDC_ID_TOKEN_INVALID', { params: { reason }, details: { reason } });
}

export class OidcClient {
  private metadata: { value: ProviderMetadata; fetchedAt: number } | null = null;
  private jwks: { uri: string; keys: JWTVerifyGetKey } | null = null;

  constructor(private readonly config: OidcConfig) {}

  private async fetchWithTimeout(url: string, init: RequestInit, step: string): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.config.httpTimeoutMs) });
    } catch (e) {
      throw unavailable(step, e);
    }
  }

  /** The provider's metadata, fetched once an hour (and again after a failure). */
  async discover(now = Date.now()): Promise<ProviderMetadata> {
    if (this.metadata && now - this.metadata.fetchedAt < DISCOVERY_TTL_MS) return this.metadata.value;
    const url = `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const res = await this.fetchWithTimeout(url, { headers: { accept: 'application/json' } }, 'discovery');
    if (!res.ok) throw unavailable('discovery');
    let doc: Partial<ProviderMetadata>;
    try {
      doc = (await res.json()) as Partial<ProviderMetadata>;
    } catch (e) {
      throw unavailable('discovery', e);
    }
    // Discovery §4.3: the issuer in the document is exactly the one asked for (no mix-up between providers).
    if (doc.issuer !== this.config.issuer) throw unavailable('discovery', new Error(`issuer mismatch: ${String(doc.issuer)}`));
    for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof doc[k] !== 'string') throw unavailable('discovery', new Error(`${k} missing`));
    }
    const value = doc as ProviderMetadata;
    this.metadata = { value, fetchedAt: now };
    if (this.jwks?.uri !== value.jwks_uri) {
      // jose caches the key set and fetches it again when a token names a key it does not hold (key rotation).
      this.jwks = { uri: value.jwks_uri, keys: createRemoteJWKSet(new URL(value.jwks_uri), { timeoutDuration: this.config.httpTimeoutMs }) };
    }
    return value;
  }

  async authorizationUrl(flow: { state: string; nonce: string; codeVerifier: string }): Promise<string> {
    const meta = await this.discover();
    const url = new URL(meta.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', this.config.redirectUrl);
    url.searchParams.set('scope', this.config.scopes);
    url.searchParams.set('state', flow.state);
    url.searchParams.set('nonce', flow.nonce);
    url.searchParams.set('code_challenge', pkceChallenge(flow.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  /** Exchanges the code and returns the verified ID token's claims. */
  async exchangeCode(code: string, codeVerifier: string, nonce: string, now = new Date()): Promise<IdTokenClaims> {
    const meta = await this.discover();
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.config.redirectUrl, code_verifier: codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (this.config.clientSecret) {
      // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
      const basic = `${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    } else {
      body.set('client_id', this.config.clientId);
    }
    const res = await this.fetchWithTimeout(meta.token_endpoint, { method: 'POST', headers, body: body.toString() }, 'token');
    let answer: { id_token?: unknown; error?: unknown; token_type?: unknown };
    try {
      answer = (await res.json()) as typeof answer;
    } catch (e) {
      throw unavailable('token', e);
    }
    if (!res.ok) {
      // 400/401 with an OAuth error: the code (or its verifier) is refused; anything else is the provider failing.
      if (res.status === 400 || res.status === 401) throw new AppError('OIDC_CODE_REJECTED', { details: { error: typeof answer.error === 'string' ? answer.error : 'unknown' } });
      throw unavailable('token');
    }
    if (typeof answer.id_token !== 'string') throw idTokenInvalid('missing');
    return this.verifyIdToken(answer.id_token, nonce, now);
  }

  async verifyIdToken(idToken: string, nonce: string, now = new Date()): Promise<IdTokenClaims> {
    const meta = await this.discover(now.getTime());
    const announced = meta.id_token_signing_alg_values_supported ?? ['RS256'];
    const algorithms = announced.filter((a) => ASYMMETRIC_ALGS.includes(a));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks!.keys, {
        issuer: this.config.issuer,
        audience: this.config.clientId,
        algorithms: algorithms.length > 0 ? algorithms : ['RS256'],
        clockTolerance: ID_TOKEN_CLOCK_TOLERANCE_S,
        currentDate: now,
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
      }));
    } catch (e) {
      throw this.mapJoseError(e);
    }
    const claims = payload as IdTokenClaims;
    // Core §3.1.3.7: with several audiences, the authorized party must be this client.
    if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== this.config.clientId) throw idTokenInvalid('audience');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw idTokenInvalid('claims');
    if (typeof claims.nonce !== 'string' || !constantTimeEqual(claims.nonce, nonce)) throw idTokenInvalid('nonce');
    return claims;
  }

  /** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), when the provider has an end-session endpoint. */
  async endSessionUrl(): Promise<string | null> {
    const meta = await this.discover();
    if (!meta.end_session_endpoint) return null;
    const url = new URL(meta.end_session_endpoint);
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('post_logout_redirect_uri', this.config.postLogoutRedirectUrl);
    return url.toString();
  }

  private mapJoseError(e: unknown): AppError {
    if (e instanceof joseErrors.JWTExpired) return idTokenInvalid('expired');
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.claim === 'iss') return idTokenInvalid('issuer');
      if (e.claim === 'aud') return idTokenInvalid('audience');
      return idTokenInvalid('claims');
    }
    // The key set could not be fetched (timeout, network, not a JWKS): the provider's fault, not the token's.
    if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid || !(e instanceof joseErrors.JOSEError)) return unavailable('jwks', e);
    // Bad signature, a key the provider does not publish, a refused algorithm, a malformed token.
    return idTokenInvalid('signature');
  }
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}
