import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ReportDraftEntity } from './report-draft.entity';

/** Report drafts: the reports module's own table. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  draft(milestoneId: string, unitId: string, manager?: EntityManager, lock = false): Promise<ReportDraftEntity | null> {
    return (manager ?? this.ds.manager).findOne(ReportDraftEntity, { where: { milestoneId, unitId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  save(manager: EntityManager, d: Partial<ReportDraftEntity>): Promise<ReportDraftEntity> {
    return manager.save(manager.create(ReportDraftEntity, d));
  }
}
