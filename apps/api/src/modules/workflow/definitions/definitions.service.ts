import { Injectable } from '@nestjs/common';
import type { DefinitionListQuery, DefinitionView } from '@thidua/contracts';
import { validateDefinition, type Problem, type WorkflowDefinition } from '@thidua/workflow-core';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { AuditService } from '../../../common/audit/audit.service';
import { AppError } from '../../../common/errors/app-error';
import { OrgGateway } from '../../org/index';
import { WorkflowHookRegistry } from '../hooks/workflow-hook-registry';
import { DefinitionRepository, type DefinitionRecord } from './definition.repository';

export function toDefinitionView(r: DefinitionRecord): DefinitionView {
  const name = (r.definition.name as DefinitionView['name'] | undefined) ?? { vi: r.key };
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    status: r.status,
    name,
    definition: r.definition,
    createdAt: new Date(r.createdAt).toISOString(),
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    retiredAt: r.retiredAt ? new Date(r.retiredAt).toISOString() : null,
  };
}

/** Usernames the definition's escalation steps hand work to (`{to: {person: {username}}}`), read defensively (a draft may be malformed). */
function escalationUsernames(definition: unknown): string[] {
  const out = new Set<string>();
  const stages = (definition as { stages?: unknown }).stages;
  if (!stages || typeof stages !== 'object') return [];
  for (const stage of Object.values(stages as Record<string, unknown>)) {
    const steps = (stage as { deadline?: { escalations?: unknown } } | null)?.deadline?.escalations;
    if (!Array.isArray(steps)) continue;
    for (const e of steps) {
      const username = (e as { to?: { person?: { username?: unknown } } } | null)?.to?.person?.username;
      if (typeof username === 'string' && username.length > 0) out.add(username);
    }
  }
  return [...out];
}

/** Definitions: drafts change freely; publishing validates and freezes a version; retiring stops new items. */
@Injectable()
export class DefinitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionRepository,
    private readonly audit: AuditService,
    private readonly hooks: WorkflowHookRegistry,
    private readonly org: OrgGateway,
  ) {}

  async list(q: DefinitionListQuery): Promise<DefinitionView[]> {
    return (await this.definitions.list(q)).map(toDefinitionView);
  }

  async get(id: string): Promise<DefinitionView> {
    const r = await this.definitions.byId(id);
    if (!r) throw AppError.notFound('definition');
    return toDefinitionView(r);
  }

  /**
   * Every problem of a definition, with its path (`stages.review.transitions[0].target`), including its stage
   * hooks checked against the hooks the domain modules registered (unknown, misused or missing ones).
   */
  async problemsOf(definition: unknown): Promise<Problem[]> {
    const known = await this.definitions.publishedKeys();
    const key = (definition as { key?: unknown }).key;
    // Escalation steps naming a person: only an active account can receive work (`unknown_person` otherwise).
    const named = escalationUsernames(definition);
    const knownUsernames = [...(await this.org.activeUserIdsByUsername(named)).keys()];
    return validateDefinition(definition as WorkflowDefinition, { knownWorkflows: typeof key === 'string' ? [...known, key] : known, hooks: this.hooks.catalogue(), knownUsernames });
  }

  async createDraft(principal: Principal | null, definition: Record<string, unknown>): Promise<DefinitionView> {
    const key = definition.key;
    if (typeof key !== 'string' || !/^[a-z][a-z0-9_]{1,62}$/.test(key)) {
      throw AppError.validation([{ path: 'body.definition.key', reason: 'invalid_format', message: 'key must be a lower-case identifier' }]);
    }
    return this.dataSource.transaction(async (m) => {
      await this.definitions.lockKey(m, key);
      const version = await this.definitions.nextVersion(key, m);
      const row = await this.definitions.insert(m, { key, version, status: 'draft', definition: { ...definition, version }, createdBy: principal?.userId ?? null });
      await this.audit.record(m, { action: 'definition.created', entityType: 'workflow_definition', entityId: row.id, actorUserId: principal?.userId ?? null, details: { key, version } });
      return toDefinitionView(row);
    });
  }

  async updateDraft(principal: Principal, id: string, definition: Record<string, unknown>): Promise<DefinitionView> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.definitions.byId(id, m);
      if (!current) throw AppError.notFound('definition');
      if (current.status !== 'draft') throw new AppError('DEFINITION_IMMUTABLE', { details: { key: current.key, version: current.version, status: current.status } });
      const row = await this.definitions.updateDraft(m, id, { ...definition, key: current.key, version: current.version });
      await this.audit.record(m, { action: 'definition.updated', entityType: 'workflow_definition', entityId: id, actorUserId: principal.userId, details: { key: current.key, version: current.version } });
      return toDefinitionView(row);
    });
  }

  /** 422 DEFINITION_INVALID with every problem (details.problems) when the draft is not valid. */
  async publish(principal: Principal | null, id: string): Promise<DefinitionView> {
    const current = await this.definitions.byId(id);
    if (!current) throw AppError.notFound('definition');
    if (current.status !== 'draft') throw new AppError('DEFINITION_IMMUTABLE', { details: { key: current.key, version: current.version, status: current.status } });
    const problems = await this.problemsOf(current.definition);
    if (problems.length > 0) throw new AppError('DEFINITION_INVALID', { params: { count: problems.length }, details: { problems } });
    return this.dataSource.transaction(async (m) => {
      const row = await this.definitions.setStatus(m, id, 'published');
      await this.audit.record(m, { action: 'definition.published', entityType: 'workflow_definition', entityId: id, actorUserId: principal?.userId ?? null, details: { key: row.key, version: row.version } });
      return toDefinitionView(row);
    });
  }

  async retire(principal: Principal, id: string): Promise<DefinitionView> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.definitions.byId(id, m);
      if (!current) throw AppError.notFound('definition');
      if (current.status !== 'published') throw new AppError('CONFLICT', { details: { reason: 'only a published version can be retired', status: current.status } });
      const row = await this.definitions.setStatus(m, id, 'retired');
      await this.audit.record(m, { action: 'definition.retired', entityType: 'workflow_definition', entityId: id, actorUserId: principal.userId, details: { key: row.key, version: row.version } });
      return toDefinitionView(row);
    });
  }

  /** Publishes a shipped definition once (seeding): skipped when any version of its key exists. */
  async ensurePublished(definition: WorkflowDefinition): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      await this.definitions.lockKey(m, definition.key);
      if ((await this.definitions.nextVersion(definition.key, m)) > 1) return false;
      const row = await this.definitions.insert(m, { key: definition.key, version: definition.version, status: 'published', definition, createdBy: null });
      await this.audit.record(m, { action: 'definition.published', entityType: 'workflow_definition', entityId: row.id, details: { key: row.key, version: row.version, seeded: true } });
      return true;
    });
  }
}
