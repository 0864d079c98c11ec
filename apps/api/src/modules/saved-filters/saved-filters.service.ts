import { Injectable } from '@nestjs/common';
import {
  SAVED_FILTER_PAGES,
  type CreateSavedFilterRequest,
  type SavedFilterPage,
  type SavedFilterView,
  type UpdateSavedFilterRequest,
} from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { actorPathFor } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { SavedFilterRepository, type SavedFilterRecord } from './saved-filter.repository';

function toView(r: SavedFilterRecord): SavedFilterView {
  return { id: r.id, page: r.page as SavedFilterPage, name: r.name, filters: r.filters, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString() };
}

/** Only these keys, each in its shape, for the page (SAVED_FILTER_PAGES): the PATCH body is checked here, as its page is the row's. */
function checkedFilters(page: SavedFilterPage, filters: Record<string, string>): Record<string, string> {
  const parsed = SAVED_FILTER_PAGES[page].safeParse(filters);
  if (!parsed.success) {
    throw AppError.validation(parsed.error.issues.map((i) => ({ path: ['body', 'filters', ...i.path.map(String)].join('.'), reason: i.code, message: i.message })));
  }
  return Object.fromEntries(Object.entries(parsed.data).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * A user's saved filters (issue 19, line 5): their own only (another's id answers 404, as one that does not exist),
 * names unique per user and page regardless of case (409 SAVED_FILTER_NAME_TAKEN), each change audited in its
 * transaction.
 */
@Injectable()
export class SavedFiltersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly filters: SavedFilterRepository,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, page: SavedFilterPage): Promise<SavedFilterView[]> {
    return (await this.filters.list(principal.userId, page)).map(toView);
  }

  async create(principal: Principal, body: CreateSavedFilterRequest): Promise<SavedFilterView> {
    const filters = checkedFilters(body.page, body.filters as Record<string, string>);
    return this.dataSource.transaction(async (m) => {
      await this.assertNameFree(principal, body.page, body.name, null, m);
      const row = await this.filters.insert({ userId: principal.userId, page: body.page, name: body.name, filters }, m);
      await this.record(m, principal, 'saved_filter.created', row, { page: row.page, name: row.name, filters });
      return toView(row);
    });
  }

  async update(principal: Principal, id: string, body: UpdateSavedFilterRequest): Promise<SavedFilterView> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.own(principal, id, m);
      const page = current.page as SavedFilterPage;
      const name = body.name ?? current.name;
      const filters = body.filters ? checkedFilters(page, body.filters) : current.filters;
      if (name !== current.name) await this.assertNameFree(principal, page, name, id, m);
      const row = await this.filters.update(principal.userId, id, { name, filters }, m);
      await this.record(m, principal, 'saved_filter.updated', row, { page, ...(name !== current.name ? { from: current.name, name } : { name }), ...(body.filters ? { filters } : {}) });
      return toView(row);
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const current = await this.own(principal, id, m);
      await this.filters.delete(principal.userId, id, m);
      await this.record(m, principal, 'saved_filter.deleted', current, { page: current.page, name: current.name });
    });
  }

  private async own(principal: Principal, id: string, m: EntityManager): Promise<SavedFilterRecord> {
    const row = await this.filters.findOwn(principal.userId, id, m, true);
    if (!row) throw AppError.notFound('saved_filter');
    return row;
  }

  private async assertNameFree(principal: Principal, page: string, name: string, exceptId: string | null, m: EntityManager): Promise<void> {
    if (await this.filters.nameTaken(principal.userId, page, name, exceptId, m)) throw new AppError('SAVED_FILTER_NAME_TAKEN', { params: { name } });
  }

  private record(m: EntityManager, principal: Principal, action: 'saved_filter.created' | 'saved_filter.updated' | 'saved_filter.deleted', row: SavedFilterRecord, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(m, {
      action,
      entityType: 'saved_filter',
      entityId: row.id,
      actorUserId: principal.userId,
      onBehalfOfUserId: null,
      actorUnitPath: actorPathFor(principal),
      details,
    });
  }
}
