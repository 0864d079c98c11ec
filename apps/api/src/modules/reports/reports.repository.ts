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

  /** Accepted values of a milestone for the given units (the subtree of the tree the report uses). */
  acceptedValuesOf(milestoneId: string, unitIds: readonly string[]): Promise<Array<{ unitId: string; scaled: Record<string, number> }>> {
    return this.ds.query(
      `SELECT s.unit_id AS "unitId", s.scaled FROM indicator_submission s WHERE s.milestone_id = $1 AND s.status = 'accepted' AND s.unit_id = ANY($2::uuid[])`,
      [milestoneId, unitIds],
    );
  }

  save(manager: EntityManager, d: Partial<ReportDraftEntity>): Promise<ReportDraftEntity> {
    return manager.save(manager.create(ReportDraftEntity, d));
  }
}
