/**
 * Stable application error codes, shared by the API and the admin app.
 * The HTTP status of each code is fixed here, once; the API's exception filter and the
 * admin's error type both read this table.
 */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_ATTEMPTS: 429,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  /** The Idempotency-Key header is not 1–200 characters of [A-Za-z0-9._:-]. */
  IDEMPOTENCY_KEY_INVALID: 400,
  /** The first request with this key is still running after the repeat waited its bound (retry later). */
  IDEMPOTENCY_IN_PROGRESS: 409,
  /** The first request with this key took effect but its answer was lost (a crash or an error after the commit). */
  IDEMPOTENCY_OUTCOME_UNKNOWN: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // security
  RATE_LIMITED: 429,
  INVALID_TEXT: 400,
  FILE_MALFORMED: 400,
  FILE_TYPE_MISMATCH: 415,
  FILE_INFECTED: 422,
  CSRF_REJECTED: 403,
  WEAK_PASSWORD: 400,
  // single sign-on (OpenID Connect)
  /** OIDC_ISSUER_URL is not set: this installation signs in with passwords only. */
  OIDC_NOT_CONFIGURED: 404,
  /** The sign-in flow's cookie is missing, expired or altered, or the provider's `state` is not this browser's. */
  OIDC_STATE_INVALID: 400,
  /** The provider's token endpoint refused the authorization code (used twice, expired, wrong PKCE verifier). */
  OIDC_CODE_REJECTED: 401,
  /** The ID token failed a check (`details.reason`: signature, expired, issuer, audience, nonce, claims, missing). */
  OIDC_ID_TOKEN_INVALID: 401,
  /** The provider's discovery document, keys or token endpoint could not be reached or answered nonsense. */
  OIDC_PROVIDER_UNAVAILABLE: 502,
  /** No ThiĐua Flow user matches the provider's account (`details.reason`: no_match, missing_claim, ambiguous, email_unverified). */
  OIDC_ACCOUNT_NOT_LINKED: 403,
  /** The matching ThiĐua Flow user is disabled. */
  OIDC_ACCOUNT_DISABLED: 403,
  // organisation
  UNIT_HAS_OPEN_WORK: 409,
  UNIT_CYCLE: 422,
  /** A dated reorganisation contradicts a later change of the same units. */
  REORG_LATER_CHANGE: 409,
  IMPORT_INVALID: 422,
  // workflow
  DEFINITION_INVALID: 422,
  DEFINITION_NOT_PUBLISHED: 409,
  TRANSITION_REFUSED: 422,
  ITEM_FINAL: 409,
  /** Someone else acted first: the item moved past the version the caller saw (the current item in details.item). */
  ITEM_CHANGED: 409,
  ITEM_CLAIMED: 409,
  COMMENT_REQUIRED: 400,
  COLLECTION_CLOSED: 409,
  LATE_SUBMISSION: 409,
  DESIGNEE_CANNOT_ACT: 422,
  /** Take next (piled execution): no item of that stage is waiting for the caller. */
  NOTHING_TO_TAKE: 404,
  QUOTA_EXCEEDED: 409,
  /** A commendation dossier lacks parts the step needs (`details.missing` lists their codes). */
  DOSSIER_INCOMPLETE: 422,
  /** The form of award needs a public posting before the council's vote, and none was recorded. */
  POSTING_REQUIRED: 409,
  /** The public posting has not ended: the council may not vote yet (`details.endsOn`). */
  POSTING_NOT_ENDED: 409,
  VOTE_CLOSED: 409,
  ITEM_SUSPENDED: 409,
  /** Late offering: the stage's offer is not shown yet (`details.offeredFrom`). */
  OFFER_NOT_OPEN: 409,
  /** Early offering: someone else committed to this upcoming stage first (`details.holder`). */
  COMMITMENT_TAKEN: 409,
  /** Early offering: the stage is not (or no longer) upcoming for the item. */
  NOT_UPCOMING: 409,
  DEFINITION_IMMUTABLE: 409,
  ALREADY_VOTED: 409,
  // documents
  DOCUMENT_DATE_OUT_OF_ORDER: 409,
  REGISTER_NUMBER_TOO_LOW: 409,
  CERTIFICATE_INVALID: 422,
  SIGNING_FAILED: 502,
  // the engine's refusals (workflow-core refusal codes), one code per reason
  ROLE_REQUIRED: 403,
  OUT_OF_SCOPE: 403,
  NOT_ELIGIBLE_VOTER: 403,
  SEPARATION_OF_DUTIES: 403,
  GUARD_NOT_MET: 422,
  ACTION_NOT_AVAILABLE: 422,
  INVALID_TARGET: 422,
  // comments
  /** A comment names someone who cannot be mentioned on this item (unknown, or does not read it). */
  MENTION_NOT_ALLOWED: 422,
  // help and co-sign requests
  /** The stage's forward decision waits for co-signatures (`details.refusal.details`: needed, signed, open). */
  COSIGN_PENDING: 409,
  /** The current stage does not allow this kind of request (help or co-sign). */
  HELP_NOT_ALLOWED: 422,
  /** Only the person holding the item's current work may ask for help or co-signatures. */
  HELP_NOT_HOLDER: 403,
  /** Someone asked cannot read the item, or is not known (`details.refused`: the ids and usernames). */
  HELP_RECIPIENT_CANNOT_READ: 422,
  /** The holder asked themselves. */
  HELP_RECIPIENT_SELF: 422,
  /** Someone asked already has an open request of the same kind on this item. */
  HELP_ALREADY_ASKED: 409,
  /** The request was already answered, cancelled, or lapsed (the item left the stage). */
  HELP_REQUEST_CLOSED: 409,
  /** The answer does not fit the request (a help request is replied to; a co-sign request is signed or declined). */
  HELP_ANSWER_INVALID: 422,
  // saved filters
  /** The user already has a saved filter of this name on this page. */
  SAVED_FILTER_NAME_TAKEN: 409,
  // webhooks
  /** A webhook URL that is not http(s), or points at a private, loopback or link-local address. */
  WEBHOOK_TARGET_REFUSED: 422,
  // infrastructure
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export interface FieldProblem {
  /** Dotted path of the bad field, e.g. `body.email` or `rows.3.code`. */
  path: string;
  /** Machine-readable reason, e.g. `required`, `too_small`, `invalid_format`. */
  reason: string;
  message: string;
}

/**
 * The body of every error answer from the API: an RFC 9457 problem document (`application/problem+json`).
 * `type`, `title`, `status`, `detail` and `instance` are the standard members; `code` (stable, machine-readable),
 * `requestId`, `fields` and `details` are this API's extension members.
 */
export interface ErrorBody {
  /** `urn:thidua:problem:<code in kebab case>`, one per code. */
  type: string;
  /** Short, fixed English summary of the problem type (the same for every occurrence of a code). */
  title: string;
  status: number;
  /** What happened this time, in the caller's language (vi by default, en). */
  detail: string;
  /** The path of the request that failed. */
  instance: string;
  code: ErrorCode;
  requestId: string;
  details?: Record<string, unknown>;
  fields?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_PREFIX = 'urn:thidua:problem:';

/** The problem `type` URI of a code: `VERSION_CONFLICT` → `urn:thidua:problem:version-conflict`. */
export function problemType(code: string): string {
  return PROBLEM_TYPE_PREFIX + code.toLowerCase().replace(/_/g, '-');
}

/** The fixed `title` of a code: `VERSION_CONFLICT` → `Version conflict`. */
export function problemTitle(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).code === 'string' && typeof (x as ErrorBody).detail === 'string';
}
