import { Injectable } from '@nestjs/common';
import type { DefinitionStatus } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../engine/sql';

export interface DefinitionRecord {
  id: string;
  key: string;
  version: number;
  status: DefinitionStatus;
  definition: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

const COLUMNS = `id, key, version, status, definition, created_by AS "createdBy", created_at AS "createdAt", published_at AS "publishedAt", retired_at AS "retiredAt"`;

@Injectable()
export class DefinitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  async byId(id: string, m?: EntityManager): Promise<DefinitionRecord | undefined> {
    return rowsOf<DefinitionRecord>(await this.q(m).query(`SELECT ${COLUMNS} FROM workflow_definition WHERE id = $1`, [id]))[0];
  }

  async byKeyVersion(key: string, version: number, m?: EntityManager): Promise<DefinitionRecord | undefined> {
    return rowsOf<DefinitionRecord>(await this.q(m).query(`SELECT ${COLUMNS} FROM workflow_definition WHERE key = $1 AND version = $2`, [key, version]))[0];
  }

  async latestPublished(key: string, m?: EntityManager): Promise<DefinitionRecord | undefined> {
    return rowsOf<DefinitionRecord>(
      await this.q(m).query(`SELECT ${COLUMNS} FROM workflow_definition WHERE key = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`, [key]),
    )[0];
  }

  async list(filter: { key?: string; status?: DefinitionStatus }): Promise<DefinitionRecord[]> {
    return rowsOf<DefinitionRecord>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM workflow_definition WHERE ($1::text IS NULL OR key = $1) AND ($2::text IS NULL OR status = $2) ORDER BY key, version`,
        [filter.key ?? null, filter.status ?? null],
      ),
    );
  }

  async publishedKeys(m?: EntityManager): Promise<string[]> {
    return rowsOf<{ key: string }>(await this.q(m).query(`SELECT DISTINCT key FROM workflow_definition WHERE status = 'published'`)).map((r) => r.key);
  }

  async nextVersion(key: string, m: EntityManager): Promise<number> {
    const rows = rowsOf<{ v: number }>(await m.query(`SELECT COALESCE(MAX(version), 0) + 1 AS v FROM workflow_definition WHERE key = $1`, [key]));
    return Number(rows[0].v);
  }

  async insert(m: EntityManager, row: { key: string; version: number; status: DefinitionStatus; definition: unknown; createdBy: string | null }): Promise<DefinitionRecord> {
    const rows = rowsOf<DefinitionRecord>(
      await m.query(
        `INSERT INTO workflow_definition (key, version, status, definition, created_by, published_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'published' THEN now() END) RETURNING ${COLUMNS}`,
        [row.key, row.version, row.status, JSON.stringify(row.definition), row.createdBy],
      ),
    );
    return rows[0];
  }

  async updateDraft(m: EntityManager, id: string, definition: unknown): Promise<DefinitionRecord> {
    return rowsOf<DefinitionRecord>(
      await m.query(`UPDATE workflow_definition SET definition = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, JSON.stringify(definition)]),
    )[0];
  }

  async setStatus(m: EntityManager, id: string, status: DefinitionStatus): Promise<DefinitionRecord> {
    return rowsOf<DefinitionRecord>(
      await m.query(
        `UPDATE workflow_definition SET status = $2,
           published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END,
           retired_at = CASE WHEN $2 = 'retired' THEN now() ELSE retired_at END
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, status],
      ),
    )[0];
  }

  async lockKey(m: EntityManager, key: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('workflow_definition:' || $1))`, [key]);
  }
}
