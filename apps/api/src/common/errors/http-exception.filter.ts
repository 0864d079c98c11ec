import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { ERROR_HTTP_STATUS, PROBLEM_CONTENT_TYPE, problemTitle, problemType, type ErrorBody, type ErrorCode, type Language } from '@thidua/contracts';
import type { Request, Response } from 'express';
import { interpolate, pickLanguage } from '../i18n/language';
import { currentRequest, currentLogger } from '../logging/request-context';
import { AppError } from './app-error';
import { ERROR_MESSAGES, FIELD_REASON_MESSAGES } from './error-messages';
import { unavailableError } from './unavailable';

/** Maps framework HTTP exceptions (unknown route, bad JSON, upload limits) onto our codes. */
export function fromHttpException(e: HttpException): AppError {
  const status = e.getStatus();
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'TOO_MANY_ATTEMPTS',
  };
  const code = byStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  return new AppError(code, { params: { entity: 'route' }, cause: e });
}

/**
 * The RFC 9457 problem document of an error: the standard members, then this API's extensions
 * (`code`, `requestId`, `details`, `fields`).
 */
export function renderError(error: AppError, language: Language, requestId: string, instance = ''): ErrorBody {
  const params: Record<string, string | number> = { ...error.params, requestId };
  const entity = params.entity;
  if (typeof entity === 'string') params.entity = translateEntity(entity, language);
  return {
    type: problemType(error.code),
    title: problemTitle(error.code),
    status: ERROR_HTTP_STATUS[error.code],
    detail: interpolate(ERROR_MESSAGES[error.code][language], params),
    instance,
    code: error.code,
    requestId,
    ...(error.details ? { details: error.details } : {}),
    ...(error.fields
      ? {
          fields: error.fields.map((f) => ({
            ...f,
            message: FIELD_REASON_MESSAGES[f.reason]?.[language] ?? f.message,
          })),
        }
      : {}),
  };
}

const ENTITY_NAMES: Record<string, Record<Language, string>> = {
  route: { vi: 'đường dẫn', en: 'Route' },
  unit: { vi: 'đơn vị', en: 'Unit' },
  user: { vi: 'người dùng', en: 'User' },
  item: { vi: 'hồ sơ', en: 'Item' },
  definition: { vi: 'quy trình', en: 'Workflow definition' },
  campaign: { vi: 'phong trào', en: 'Campaign' },
  document: { vi: 'văn bản', en: 'Document' },
  attachment: { vi: 'tệp đính kèm', en: 'Attachment' },
  notification: { vi: 'thông báo', en: 'Notification' },
  delegation: { vi: 'ủy quyền', en: 'Delegation' },
  job: { vi: 'tác vụ', en: 'Job' },
  role: { vi: 'vai trò', en: 'Role' },
  ballot: { vi: 'phiên bỏ phiếu', en: 'Ballot' },
  nomination: { vi: 'hồ sơ đề nghị khen thưởng', en: 'Nomination' },
  inspection: { vi: 'cuộc kiểm tra', en: 'Inspection' },
  report: { vi: 'báo cáo', en: 'Report' },
  milestone: { vi: 'đợt sơ kết/tổng kết', en: 'Review milestone' },
  indicator: { vi: 'chỉ tiêu', en: 'Indicator' },
  submission: { vi: 'báo cáo chỉ tiêu', en: 'Indicator submission' },
  help_request: { vi: 'đề nghị hỗ trợ/đồng ký', en: 'Help or co-sign request' },
};

function translateEntity(entity: string, language: Language): string {
  return ENTITY_NAMES[entity]?.[language] ?? entity;
}

/** The one mapping from errors to HTTP answers. No stack ever reaches a client. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const context = currentRequest();
    const requestId = context?.requestId ?? String(res.getHeader('X-Request-Id') ?? 'unknown');
    const language = context?.language ?? pickLanguage(req.headers['accept-language']);

    let error: AppError;
    if (exception instanceof AppError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception);
    else error = unavailableError(exception) ?? new AppError('INTERNAL', { cause: exception });

    const status = ERROR_HTTP_STATUS[error.code];
    if (status >= 500) {
      currentLogger().error({ err: exception, requestId, url: req.originalUrl }, 'unhandled error');
    }
    if (res.headersSent) return;
    // The path without its query string: a query may carry values that do not belong in an error log.
    const instance = (req.originalUrl ?? req.url ?? '').split('?')[0];
    if (status === 503) res.setHeader('Retry-After', String(error.details?.retryAfterSeconds ?? 5));
    res.status(status).setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.json(renderError(error, language, requestId, instance));
  }
}
