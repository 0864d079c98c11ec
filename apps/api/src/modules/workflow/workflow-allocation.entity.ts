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
