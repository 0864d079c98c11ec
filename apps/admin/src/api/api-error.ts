import { isErrorBody, type ErrorCode, type FieldProblem, type Language } from '@thidua/contracts';

/** Codes the client makes up itself, when there is no answer from the API to read a code from. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';
/** Known codes, plus any string a newer API might send: the UI falls back to the server's message for those. */
export type ApiErrorCode = ErrorCode | ClientErrorCode | (string & {});

export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  message: string;
  requestId?: string | null;
  fields?: FieldProblem[];
  details?: Record<string, unknown>;
  /** The language the request asked for; tells the UI whether `message` is in the language now on screen. */
  language?: Language | null;
}

/** The one error type of the admin: every failed API call rejects with it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly requestId: string | null;
  readonly fields: FieldProblem[];
  readonly details: Record<string, unknown>;
  readonly language: Language | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.fields = init.fields ?? [];
    this.details = init.details ?? {};
    this.language = init.language ?? null;
  }

  /** True for codes that mean "ask again later", which queries may retry. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  /**
   * Field messages keyed by the field's name inside the request body: `body.newPassword` → `newPassword`.
   * The first problem of each field wins.
   */
  fieldMessages(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const field of this.fields) {
      const name = field.path.replace(/^body\./, '');
      out[name] ??= field.message;
    }
    return out;
  }

  static network(cause: unknown, language: Language | null = null): ApiError {
    const error = new ApiError({ status: 0, code: 'NETWORK_ERROR', message: '', language });
    (error as { cause?: unknown }).cause = cause;
    return error;
  }

  /**
   * Read an error answer, an RFC 9457 problem document (`application/problem+json`) whose `detail` is the localised
   * message. A body that is not one (a proxy's HTML page, say) still gives a usable code.
   */
  static async fromResponse(response: Response, language: Language | null = null): Promise<ApiError> {
    let body: unknown = null;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const requestIdHeader = response.headers.get('x-request-id');
    if (isErrorBody(body)) {
      return new ApiError({
        status: response.status,
        code: body.code,
        message: body.detail,
        requestId: body.requestId ?? requestIdHeader,
        fields: Array.isArray(body.fields) ? body.fields : [],
        details: body.details,
        language,
      });
    }
    return new ApiError({
      status: response.status,
      code: codeForStatus(response.status),
      message: '',
      requestId: requestIdHeader,
      language,
    });
  }
}

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_ATTEMPTS';
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
