import { Injectable } from '@nestjs/common';
import type { InboxCounts, InboxCountsQuery, InboxItemView, InboxQuery, Page } from '@thidua/contracts';
import type { Principal } from '../../../common/auth/principal';
import { AppError } from '../../../common/errors/app-error';
import { OrgGateway } from '../../org/index';
import { InboxRepository, type ActingScope, type InboxFilter, type InboxRow } from './inbox.repository';
import { isReadOnlyRole, roleCoverage } from '@thidua/workflow-core';
import { isWithin } from '../../../common/auth/scope';

/** Rounds of reading past items of the other status before a page is answered short (with a cursor to go on). */
const MAX_ROUNDS = 8;

function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof key !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { key, id };
  } catch {
    throw AppError.validation([{ path: 'query.cursor', reason: 'invalid', message: 'bad cursor' }]);
  }
}

/**
 * A user's inbox: open items waiting for an action they may take, through their own roles and
 * the roles delegated to them, over their unit (officers) or its subtree (supervisors, admins,
 * viewers — the engine's rule), not claimed by someone else, plus items assigned to them by name.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly org: OrgGateway,
  ) {}

  scopesOf(principal: Principal): ActingScope[] {
    const seen = new Set<string>();
    const out: ActingScope[] = [];
    for (const g of principal.roles) {
      if (isReadOnlyRole(g.role)) continue;
      const s: ActingScope = { role: g.role, path: g.unitPath, subtree: roleCoverage(g.role, 'act') === 'subtree', workflows: g.workflows };
      const key = `${s.role}|${s.path}|${s.subtree}|${s.workflows?.join(',') ?? '*'}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(s);
      }
    }
    // A subtree scope already covering another of the same role makes that one redundant.
    return out.filter((s) => !out.some((o) => o !== s && o.role === s.role && o.subtree && o.workflows === null && isWithin(s.path, o.path) && (s.path !== o.path || !s.subtree)));
  }

  private async filter(principal: Principal, q: Pick<InboxQuery, 'workflow' | 'campaignId' | 'stage' | 'unitId' | 'overdue'> & { status?: InboxQuery['status'] }): Promise<InboxFilter> {
    let unitPath: string | undefined;
    if (q.unitId) {
      unitPath = (await this.org.unit(q.unitId))?.path;
      if (!unitPath) throw AppError.notFound('unit');
    }
    return {
      userId: principal.userId,
      scopes: this.scopesOf(principal),
      workflow: q.workflow,
      campaignId: q.campaignId,
      stage: q.stage,
      unitPath,
      overdue: q.overdue,
      status: q.status ?? 'active',
      now: new Date(),
    };
  }

  /**
   * The page's rows of the wanted status. Suspended items are paused (their deadlines too) and do not wait for
   * anyone, so the default list holds active items only. Active items are nearly all of the open ones: their pages
   * are read over the index and the few suspended rows skipped (reading on when some were); `status=suspended`
   * filters in the query itself.
   */
  private async rowsOf(f: InboxFilter, q: InboxQuery): Promise<{ rows: InboxRow[]; resumeAfter: InboxRow | null }> {
    const want = q.limit + 1;
    let after = q.cursor ? decodeCursor(q.cursor) : null;
    if (f.status === 'suspended') return { rows: await this.inbox.page(f, q.sort, after, want, true), resumeAfter: null };
    const out: InboxRow[] = [];
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const batch = await this.inbox.page(f, q.sort, after, want);
      for (const r of batch) if (out.length < want && r.status === f.status) out.push(r);
      if (out.length >= want || batch.length < want) return { rows: out, resumeAfter: null };
      const last = batch[batch.length - 1] as InboxRow;
      after = { key: last.sortKey, id: last.id };
    }
    // Many items of the other status in a row: answer what was found, and let the cursor go on after what was read.
    return { rows: out, resumeAfter: after ? ({ sortKey: after.key, id: after.id } as InboxRow) : null };
  }

  async page(principal: Principal, q: InboxQuery): Promise<Page<InboxItemView>> {
    const f = await this.filter(principal, q);
    const { rows, resumeAfter } = await this.rowsOf(f, q);
    const page = rows.slice(0, q.limit);
    const now = Date.now();
    const last = rows.length > q.limit ? page[page.length - 1] : resumeAfter;
    return {
      items: page.map((r) => ({
        id: r.id,
        workflow: r.workflowKey,
        title: r.title,
        unitId: r.unitId,
        unitPath: r.unitPath,
        unitName: r.unitName,
        unitCode: r.unitCode,
        stage: r.stage,
        status: r.status,
        assignedRole: r.assignedRole,
        assignedUnitPath: r.assignedUnitPath,
        claimedBy: r.assignedUserId,
        workState: r.status === 'suspended' ? 'suspended' : r.startedAt ? 'started' : r.assignedUserId ? 'allocated' : 'offered',
        dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
        // A suspended item's deadline is paused: it is not late.
        isOverdue: r.status === 'active' && r.dueAt !== null && new Date(r.dueAt).getTime() < now,
        campaignId: r.campaignId,
        updatedAt: new Date(r.updatedAt).toISOString(),
        version: r.version,
      })),
      nextCursor: last ? encodeCursor(last.sortKey, last.id) : null,
    };
  }

  async counts(principal: Principal, q: InboxCountsQuery): Promise<InboxCounts> {
    return this.inbox.counts(await this.filter(principal, q), q.byUnit ? { limit: q.unitLimit, offset: q.unitOffset } : undefined);
  }
}
