import { Injectable } from '@nestjs/common';
import type { TakeNextRequest, WorkItemView } from '@thidua/contracts';
import type { Principal } from '../../../common/auth/principal';
import { AppError, isAppError } from '../../../common/errors/app-error';
import { ItemRuntime } from '../items/item-runtime.service';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';

/** How many waiting items are tried when others take them first. */
const CANDIDATES = 10;
/** Losing to another taker: try the next item instead. */
const LOST = new Set(['ITEM_CHANGED', 'ITEM_CLAIMED', 'SEPARATION_OF_DUTIES']);

/**
 * Piled execution (issue 15, line 6): "take next" — the oldest due item of the same stage of other cases that is
 * offered to the caller (their inbox's order) is claimed and started for them by the `start` event, which goes
 * through the one runtime path (version check, history row). Items held by someone (even the caller) are not
 * taken; an item another taker wins first is skipped for the next one.
 */
@Injectable()
export class TakeNextUseCase {
  constructor(
    private readonly inbox: InboxService,
    private readonly repo: InboxRepository,
    private readonly runtime: ItemRuntime,
  ) {}

  async take(principal: Principal, req: TakeNextRequest): Promise<WorkItemView> {
    const rows = await this.repo.page(
      { userId: principal.userId, scopes: this.inbox.scopesOf(principal), workflow: req.workflow, stage: req.stage, status: 'active', now: new Date() },
      'due_at',
      null,
      CANDIDATES,
      true,
    );
    for (const row of rows) {
      if (row.assignedUserId !== null) continue;
      try {
        return await this.runtime.act({ kind: 'user', principal }, row.id, { type: 'start' }, { expectedVersion: row.version });
      } catch (e) {
        if (isAppError(e) && LOST.has(e.code)) continue;
        throw e;
      }
    }
    throw new AppError('NOTHING_TO_TAKE', { details: { workflow: req.workflow, stage: req.stage } });
  }
}
