import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ItemStatus, Role } from '@thidua/contracts';

/**
 * A unit's piece of work on one workflow version. `snapshot` is workflow-core's persisted state;
 * the columns beside it (stage, status, assignment, due date) are denormalised from it on every save
 * so the inbox can be answered from an index. `unit_id` and `status` are read by the org module's
 * OpenWorkPort (open = status <> 'final'): keep their names.
 *
 * Indexes the entity cannot express (partial, text_pattern_ops) live in the migration and are
 * marked `synchronize: false` here.
 */
@Entity({ name: 'work_item' })
@Unique('uq_work_item_parent_unit', ['parentItemId', 'unitId'])
@Check('chk_work_item_status', `"status" IN ('active','suspended','final')`)
@Index('idx_work_item_inbox', { synchronize: false })
@Index('idx_work_item_inbox_due', { synchronize: false })
@Index('idx_work_item_inbox_region', { synchronize: false })
@Index('idx_work_item_suspended', { synchronize: false })
@Index('idx_work_item_assignee', { synchronize: false })
@Index('idx_work_item_unit_path', { synchronize: false })
// Trigram index of the folded title (the search box), migration 1796240000000.
@Index('idx_work_item_search_trgm', { synchronize: false })
@Index('idx_work_item_unit', ['unitId'])
@Index('idx_work_item_campaign', ['campaignId'])
@Index('idx_work_item_definition', ['definitionId'])
export class WorkItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @Column({ name: 'workflow_key', type: 'text' })
  workflowKey!: string;

  @Column({ name: 'workflow_version', type: 'int' })
  workflowVersion!: number;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** The item unit's materialised path when the item was created or its unit last moved. */
  @Column({ name: 'unit_path', type: 'text' })
  unitPath!: string;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ name: 'parent_item_id', type: 'uuid', nullable: true })
  parentItemId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'text' })
  status!: ItemStatus;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Column({ name: 'assigned_unit_id', type: 'uuid', nullable: true })
  assignedUnitId!: string | null;

  @Column({ name: 'assigned_unit_path', type: 'text', nullable: true })
  assignedUnitPath!: string | null;

  @Column({ name: 'assigned_role', type: 'text', nullable: true })
  assignedRole!: Role | null;

  /** The direct assignee, or the holder who claimed an offered item. */
  @Column({ name: 'assigned_user_id', type: 'uuid', nullable: true })
  assignedUserId!: string | null;

  /** People separation of duties bars from the current stage (derived from snapshot + definition on every save). */
  @Column({ name: 'excluded_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds!: string[];

  /** What each role sees of the item while someone else holds it (derived from the definition on every save). */
  @Column({ name: 'held_visibility', type: 'jsonb', default: () => `'{"admin": "all"}'` })
  heldVisibility!: Record<string, string>;

  /** Late offering: the offer is shown from this instant (null: at once, or not an offer). */
  @Column({ name: 'offered_from', type: 'timestamptz', nullable: true })
  offeredFrom!: Date | null;

  /** Late offering: the offer is shown to a person only while they hold fewer open items than this. */
  @Column({ name: 'offer_queue_below', type: 'int', nullable: true })
  offerQueueBelow!: number | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'submitter_id', type: 'uuid', nullable: true })
  submitterId!: string | null;

  /** First time the item left its initial stage: what a fan-out's join rule counts. */
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Fan-out parents: progress of the cascade (units reached of total, resumable cursor). */
  @Column({ type: 'jsonb', nullable: true })
  cascade!: Record<string, unknown> | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
