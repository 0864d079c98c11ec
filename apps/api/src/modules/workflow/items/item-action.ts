import type { ItemActionRequest } from '@thidua/contracts';
import type { WorkItemEvent } from '@thidua/workflow-core';
import { AppError } from '../../../common/errors/app-error';

function need<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === '') throw AppError.validation([{ path: `body.${field}`, reason: 'required', message: `${field} is required for this action` }]);
  return value;
}

/** The engine event of an action request. */
export function toEngineEvent(req: ItemActionRequest): WorkItemEvent {
  switch (req.action) {
    case 'return':
      return { type: 'return', comment: req.comment, ...(req.stage ? { toStage: req.stage } : {}) };
    case 'claim':
    case 'start':
    case 'release':
    case 'resume':
      return { type: req.action };
    case 'handover':
      return { type: 'handover', toUserId: need(req.toUserId, 'toUserId'), ...(req.draft ? { draft: req.draft as never } : {}), ...(req.keepDraft === false ? { keepDraft: false } : {}) };
    case 'suspend':
      return { type: 'suspend', reason: req.reason ?? req.comment };
    case 'skip':
      return { type: 'skip', reason: req.reason ?? req.comment ?? '' };
    case 'redo':
      return { type: 'redo', stage: need(req.stage, 'stage'), reason: req.reason ?? req.comment };
    case 'reassign':
      return { type: 'reassign', toUserId: need(req.toUserId, 'toUserId') };
    case 'vote':
      return { type: 'vote.cast', choice: need(req.choice, 'choice') };
    case 'close_vote':
      return { type: 'vote.close', ...(req.tieBreak ? { tieBreak: req.tieBreak } : {}) };
    default:
      return { type: req.action, comment: req.comment };
  }
}
