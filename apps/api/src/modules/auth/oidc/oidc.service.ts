import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse, OidcCallbackRequest } from '@thidua/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../common/errors/app-error';
import { rootLogger } from '../../../common/logging/logger';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../../../config/app-config';
import { AccountStore } from '../../org/index';
import { AuthService } from '../auth.service';
import { findLinkedUser, type AccountLookup } from './oidc-account-link';
import { OidcClient } from './oidc-client';
import { newFlow, openFlow, type OidcFlow } from './oidc-flow-cookie';

/**
 * Sign-in with OpenID Connect beside passwords: start (a new flow and the provider's authorization URL), finish
 * (state, code exchange, ID token, account link, then the product's own tokens through AuthService), and the
 * provider's end-session URL for sign-out. Off (404 OIDC_NOT_CONFIGURED) unless OIDC_ISSUER_URL is set.
 */
@Injectable()
export class OidcService {
  private readonly client: OidcClient | undefined;
  private readonly oidc: OidcConfig | undefined;
  private readonly lookup: AccountLookup;

  constructor(
    private readonly auth: AuthService,
    people: AccountStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.oidc = config.oidc;
    this.client = config.oidc ? new OidcClient(config.oidc) : undefined;
    this.lookup = {
      byUsername: (u) => people.findUserByUsername(u),
      byEmail: (e) => people.findUsersByEmail(e),
    };
  }

  get isEnabled(): boolean {
    return this.client !== undefined;
  }

  private configured(): { client: OidcClient; oidc: OidcConfig } {
    if (!this.client || !this.oidc) throw new AppError('OIDC_NOT_CONFIGURED');
    return { client: this.client, oidc: this.oidc };
  }

  /** A new flow (to seal into the browser's cookie) and the URL to send the browser to. */
  async start(): Promise<{ flow: OidcFlow; authorizationUrl: string }> {
    const { client } = this.configured();
    const flow = newFlow();
    return { flow, authorizationUrl: await client.authorizationUrl(flow) };
  }

  /**
   * Finishes a flow: `sealed` is the browser's flow cookie, `body` what the provider put on the redirect URL.
   * Refusals: OIDC_STATE_INVALID, OIDC_CODE_REJECTED, OIDC_ID_TOKEN_INVALID, OIDC_ACCOUNT_NOT_LINKED,
   * OIDC_ACCOUNT_DISABLED, OIDC_PROVIDER_UNAVAILABLE.
   */
  async finish(sealed: string | undefined, body: OidcCallbackRequest, ip: string): Promise<LoginResponse> {
    const { client, oidc } = this.configured();
    const flow = openFlow(sealed, this.config.auth.jwtSecret);
    if (!flow) throw new AppError('OIDC_STATE_INVALID', { details: { reason: sealed ? 'expired_or_altered' : 'no_flow' } });
    if (!sameSecret(flow.state, body.state)) throw new AppError('OIDC_STATE_INVALID', { details: { reason: 'state_mismatch' } });
    const claims = await client.exchangeCode(body.code, flow.codeVerifier, flow.nonce);
    try {
      const user = await findLinkedUser(claims, oidc, this.lookup);
      return await this.auth.signInVerified(user.id, { method: 'oidc', issuer: oidc.issuer, subject: claims.sub, linkBy: oidc.linkBy, ip });
    } catch (e) {
      // Someone the provider knows was turned away: worth a line for the administrator (never the token).
      if (e instanceof AppError) rootLogger().warn({ code: e.code, sub: claims.sub, claim: oidc.claim, value: claims[oidc.claim], details: e.details }, 'OIDC sign-in refused');
      throw e;
    }
  }

  async endSessionUrl(): Promise<string | null> {
    const { client } = this.configured();
    return client.endSessionUrl();
  }
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
