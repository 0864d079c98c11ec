import { Injectable } from '@nestjs/common';
import { compileDefinition, type CompiledWorkflow, type WorkflowDefinition } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error';
import { DefinitionRepository, type DefinitionRecord } from './definition.repository';

/**
 * Compiled published definitions by id. A published version never changes, so its compiled
 * machine is cached for the life of the process.
 */
@Injectable()
export class CompiledDefinitions {
  private readonly cache = new Map<string, { record: DefinitionRecord; compiled: CompiledWorkflow }>();
  /** key@version → id of the versions compiled so far (a version's id never changes). */
  private readonly ids = new Map<string, string>();

  constructor(private readonly definitions: DefinitionRepository) {}

  async byId(id: string, m?: EntityManager): Promise<{ record: DefinitionRecord; compiled: CompiledWorkflow }> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const record = await this.definitions.byId(id, m);
    if (!record) throw AppError.notFound('definition', { id });
    const compiled = compileDefinition(record.definition as unknown as WorkflowDefinition);
    const entry = { record, compiled };
    if (record.status !== 'draft') {
      this.cache.set(id, entry);
      this.ids.set(`${record.key}@${record.version}`, id);
    }
    return entry;
  }

  /** The id of a published (or retired) version already compiled here, without a query; undefined otherwise. */
  cachedId(key: string, version: number): string | undefined {
    return this.ids.get(`${key}@${version}`);
  }
}
