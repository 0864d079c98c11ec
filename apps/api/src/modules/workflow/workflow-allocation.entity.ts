import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When a person was last allocated a stage's work at a unit (round-robin cursor, least-recently-allocated history). */
@Entity({ name: 'workflow_allocation' })
export class WorkflowAllocationEntity {
  @PrimaryColumn({ name: 'workflow_key', type: 'text', primaryKeyConstraintName: 'pk_workflow_allocation' })
  workflowKey!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_workflow_allocation' })
  stage!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid', primaryKeyConstraintName: 'pk_workflow_allocation' })
  unitId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_workflow_allocation' })
  userId!: string;

  @Column({ name: 'last_allocated_at', type: 'timestamptz' })
  lastAllocatedAt!: Date;

  @Column({ type: 'int', default: 1 })
  allocations!: number;
}

/** The round-robin turn of a stage at a unit: the row every allocation there locks first (one at a time). */
@Entity({ name: 'workflow_allocation_cursor' })
export class WorkflowAllocationCursorEntity {
  @PrimaryColumn({ name: 'workflow_key', type: 'text', primaryKeyConstraintName: 'pk_workflow_allocation_cursor' })
  workflowKey!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_workflow_allocation_cursor' })
  stage!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid', primaryKeyConstraintName: 'pk_workflow_allocation_cursor' })
  unitId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'allocated_at', type: 'timestamptz', nullable: true })
  allocatedAt!: Date | null;
}
