import type { DesignationProblem, Refusal } from '@thidua/workflow-core';
import { AppError } from '../../../common/errors/app-error';

/**
 * One place maps workflow-core's refusal codes to the API's error codes: one stable code per reason (the refusal
 * itself stays in `details.refusal`), localised in common/errors/error-messages.ts and in the admin's dictionary.
 */
/** A designation of a person in item data who cannot act at the stage: 422 with one field error per designation. */
export function designationError(problems: readonly DesignationProblem[]): AppError {
  return new AppError('DESIGNEE_CANNOT_ACT', {
    details: { designations: problems.map((p) => ({ ...p })) },
    fields: problems.map((p) => ({ path: `data.${p.field}`, reason: p.reason, message: p.role !== undefined ? `${p.role} is not a role stage ${p.stage} can be offered to` : `${p.userId} cannot act at stage ${p.stage} (${p.reason})` })),
  });
}

export function refusalToError(refusal: Refusal, holder?: { id: string; username: string; fullName: string }): AppError {
  const details = { refusal: { code: refusal.code, message: refusal.message, ...(refusal.details ? { details: refusal.details } : {}) } };
  switch (refusal.code) {
    case 'ROLE':
      return new AppError('ROLE_REQUIRED', { details });
    case 'SCOPE':
      return new AppError('OUT_OF_SCOPE', { details });
    case 'NOT_ELIGIBLE':
      return new AppError('NOT_ELIGIBLE_VOTER', { details });
    case 'SEPARATION_OF_DUTIES':
      return new AppError('SEPARATION_OF_DUTIES', { details });
    case 'GUARD':
      return new AppError('GUARD_NOT_MET', { details });
    case 'INVALID_EVENT':
      return new AppError('ACTION_NOT_AVAILABLE', { details });
    case 'INVALID_TARGET':
      return new AppError('INVALID_TARGET', { details });
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
    case 'OFFER_NOT_OPEN':
      return new AppError('OFFER_NOT_OPEN', { details: { ...details, offeredFrom: refusal.details?.offeredFrom ?? null } });
    case 'COSIGN_PENDING':
      return new AppError('COSIGN_PENDING', { params: { signed: Number(refusal.details?.signed ?? 0), needed: Number(refusal.details?.needed ?? 0), open: Number(refusal.details?.open ?? 0) }, details });
    default: {
      const unexpected: never = refusal.code;
      return new AppError('TRANSITION_REFUSED', { params: { reason: String(unexpected) }, details });
    }
  }
}
