import type { Refusal } from '@thidua/workflow-core';
import { AppError } from '../../../common/errors/app-error';

/** One place maps workflow-core's refusal codes to the API's error codes. */
export function refusalToError(refusal: Refusal, holder?: { id: string; username: string; fullName: string }): AppError {
  const details = { refusal: { code: refusal.code, message: refusal.message, ...(refusal.details ? { details: refusal.details } : {}) } };
  switch (refusal.code) {
    case 'ROLE':
    case 'SCOPE':
    case 'NOT_ELIGIBLE':
      return AppError.forbidden(details);
    case 'MISSING_FIELDS': {
      const problems = (refusal.details?.problems as Array<{ path: string; code: string; message: string }> | undefined) ?? [];
      return new AppError('VALIDATION_FAILED', {
        params: { count: problems.length },
        details,
        fields: problems.map((p) => ({ path: `data.${p.path}`, reason: p.code, message: p.message })),
      });
    }
    case 'ITEM_FINAL':
      return new AppError('ITEM_FINAL', { details });
    case 'COMMENT_REQUIRED':
      return new AppError('COMMENT_REQUIRED', { details });
    case 'NOT_CLAIMANT':
      return new AppError('ITEM_CLAIMED', {
        params: { holder: holder ? `${holder.fullName} (${holder.username})` : String(refusal.details?.claimedBy ?? '?') },
        details: { ...details, claimedBy: holder ?? { id: refusal.details?.claimedBy ?? null } },
      });
    case 'ALREADY_VOTED':
      return new AppError('ALREADY_VOTED', { details });
    case 'SUSPENDED':
      return new AppError('ITEM_SUSPENDED', { details });
    default:
      return new AppError('TRANSITION_REFUSED', { params: { reason: refusal.message }, details });
  }
}
