import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DefinitionStatus } from '@thidua/contracts';

/**
 * One version of a workflow definition. A draft may change; a published version never does (a
 * trigger in the migration refuses it), so items that started on it keep their rules.
 */
@Entity({ name: 'workflow_definition' })
@Unique('uq_workflow_definition_key_version', ['key', 'version'])
@Check('chk_workflow_definition_status', `"status" IN ('draft','published','retired')`)
export class WorkflowDefinitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  status!: DefinitionStatus;

  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
