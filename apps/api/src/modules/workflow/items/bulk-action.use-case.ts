import { Injectable } from '@nestjs/common';
import type { BulkActionRequest, BulkActionResult } from '@thidua/contracts';
import type { Principal } from '../../../common/auth/principal';
import { renderError } from '../../../common/errors/http-exception.filter';
import { AppError, isAppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { toEngineEvent } from './item-action';
import { ItemRuntime } from './item-runtime.service';

/**
 * Approve/return/forward/acknowledge many items in one request. Each item is its own transaction:
 * one failing does not stop the others, and the answer reports each. Under an Idempotency-Key the
 * whole request is the unit (common/http/idempotency.interceptor.ts): the first item's transaction
 * marks the key applied, so a repeat gets the stored answer and never runs the batch again.
 */
@Injectable()
export class BulkActionUseCase {
  constructor(private readonly runtime: ItemRuntime) {}

  async run(principal: Principal, req: BulkActionRequest): Promise<BulkActionResult> {
    const results: BulkActionResult['results'] = [];
    const language = currentRequest()?.language ?? 'vi';
    const requestId = currentRequest()?.requestId ?? 'bulk';
    for (const itemId of [...new Set(req.itemIds)]) {
      const event = toEngineEvent({ action: req.action, comment: req.comment });
      try {
        const item = await this.runtime.act({ kind: 'user', principal }, itemId, event, { expectedVersion: req.expectedVersions?.[itemId] });
        results.push({ itemId, ok: true, item });
      } catch (e) {
        const err = isAppError(e) ? e : new AppError('INTERNAL', { cause: e });
        if (!isAppError(e)) throw e;
        const body = renderError(err, language, requestId);
        results.push({ itemId, ok: false, error: { code: body.code, message: body.detail, ...(body.details ? { details: body.details } : {}) } });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }
}
