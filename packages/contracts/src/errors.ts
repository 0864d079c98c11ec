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
  // organisation
  UNIT_HAS_OPEN_WORK: 409,
  UNIT_CYCLE: 422,
  IMPORT_INVALID: 422,
  // workflow
  DEFINITION_INVALID: 422,
  DEFINITION_NOT_PUBLISHED: 409,
  TRANSITION_REFUSED: 422,
  ITEM_FINAL: 409,
  ITEM_CLAIMED: 409,
  COMMENT_REQUIRED: 400,
  COLLECTION_CLOSED: 409,
  QUOTA_EXCEEDED: 409,
  VOTE_CLOSED: 409,
  ITEM_SUSPENDED: 409,
  DEFINITION_IMMUTABLE: 409,
  ALREADY_VOTED: 409,
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

/** The body of every error answer from the API. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  details?: Record<string, unknown>;
  fields?: FieldProblem[];
}

export function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).code === 'string' && typeof (x as ErrorBody).message === 'string';
}
