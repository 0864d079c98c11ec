import { Injectable } from '@nestjs/common';
import type { CommendationHistoryPage, CommendationHistoryQuery } from '@thidua/contracts';
import type { Principal } from '../../common/auth/principal';
import { covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { awardForm } from './award-catalogue';
import { CommendationHistoryRepository } from './commendation-history.repository';

function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 0) throw AppError.validation([{ path: 'query.cursor', reason: 'invalid_value', message: 'invalid cursor' }]);
  return n;
}

/** A person's or a unit's commendations (issue 19): whoever sees the unit (the person's home unit) reads them. */
@Injectable()
export class CommendationHistoryService {
  constructor(private readonly repo: CommendationHistoryRepository) {}

  async history(principal: Principal, q: CommendationHistoryQuery): Promise<CommendationHistoryPage> {
    const offset = offsetOf(q.cursor);
    let rows;
    if (q.userId) {
      const path = await this.repo.homePath(q.userId);
      if (!path || !covers(principal, path, 'see')) throw AppError.notFound('user');
      rows = await this.repo.person(q.userId, offset, q.limit + 1);
    } else {
      const path = await this.repo.unitPath(q.unitId!);
      if (!path || !covers(principal, path, 'see')) throw AppError.notFound('unit');
      rows = await this.repo.unit(q.unitId!, offset, q.limit + 1);
    }
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(({ nominatedOn, ...r }) => ({ ...r, awardFormName: awardForm(r.awardFormCode, r.decisionDate ?? nominatedOn)?.name ?? r.awardFormCode })),
      nextCursor: rows.length > q.limit ? String(offset + q.limit) : null,
    };
  }
}
