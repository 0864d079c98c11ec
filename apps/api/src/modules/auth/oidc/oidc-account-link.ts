import { AppError } from '../../../common/errors/app-error';
import type { OidcConfig } from '../../../config/app-config';
import type { IdTokenClaims } from './oidc-client';

/**
 * How a provider's account finds its ThiĐua Flow user (docs/security.md, "Single sign-on"). The administrator
 * chooses the product field (OIDC_LINK_BY: username or email) and the ID-token claim compared with it
 * (OIDC_CLAIM: preferred_username / email by default). Nobody is created here: a provider account that
 * matches no user, or several, is refused; roles always come from the product, never from the provider.
 */
export interface LinkCandidate {
  id: string;
  username: string;
  email: string | null;
  status: string;
}

export interface AccountLookup {
  byUsername(username: string): Promise<LinkCandidate | null>;
  byEmail(email: string): Promise<LinkCandidate[]>;
}

function notLinked(reason: 'no_match' | 'missing_claim' | 'ambiguous' | 'email_unverified'): AppError {
  return new AppError('OIDC_ACCOUNT_NOT_LINKED', { details: { reason } });
}

/** The value the user is matched on: the configured claim, as a non-empty string. */
export function linkValue(claims: IdTokenClaims, config: Pick<OidcConfig, 'claim' | 'linkBy' | 'requireEmailVerified'>): string {
  const raw = claims[config.claim];
  if (typeof raw !== 'string' || raw.trim() === '') throw notLinked('missing_claim');
  // An address the provider has not verified could be anyone's: refused unless the administrator says otherwise.
  if (config.linkBy === 'email' && config.requireEmailVerified && claims.email_verified !== true) throw notLinked('email_unverified');
  return raw.trim();
}

/** The one user the provider's account links to; refuses no match, several matches and a disabled user. */
export async function findLinkedUser(claims: IdTokenClaims, config: Pick<OidcConfig, 'claim' | 'linkBy' | 'requireEmailVerified'>, lookup: AccountLookup): Promise<LinkCandidate> {
  const value = linkValue(claims, config);
  let user: LinkCandidate | null;
  if (config.linkBy === 'username') {
    // Usernames are stored lower-case (sign-in lower-cases them too).
    user = await lookup.byUsername(value.toLowerCase());
  } else {
    const found = await lookup.byEmail(value);
    if (found.length > 1) throw notLinked('ambiguous');
    user = found[0] ?? null;
  }
  if (!user) throw notLinked('no_match');
  if (user.status !== 'active') throw new AppError('OIDC_ACCOUNT_DISABLED');
  return user;
}
