import { ERROR_HTTP_STATUS, type ErrorCode, type FieldProblem } from '@thidua/contracts';

export interface AppErrorOptions {
  /** Values interpolated into the localised message template, e.g. `{unit}`. */
  params?: Record<string, string | number>;
  /** Extra machine-readable facts for the client (never secrets, never stacks). */
  details?: Record<string, unknown>;
  fields?: FieldProblem[];
  cause?: unknown;
}

/**
 * The one application error type. Everything the API refuses on purpose is an AppError with a
 * stable code; the exception filter maps the code to its HTTP status (ERROR_HTTP_STATUS) and the
 * message to the caller's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly details?: Record<string, unknown>;
  readonly fields?: FieldProblem[];

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.details = options.details;
    this.fields = options.fields;
  }

  get status(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  static notFound(entity: string, details?: Record<string, unknown>): AppError {
    return new AppError('NOT_FOUND', { params: { entity }, details });
  }

  static forbidden(details?: Record<string, unknown>): AppError {
    return new AppError('FORBIDDEN', { details });
  }

  static validation(fields: FieldProblem[]): AppError {
    return new AppError('VALIDATION_FAILED', { fields, params: { count: fields.length } });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
