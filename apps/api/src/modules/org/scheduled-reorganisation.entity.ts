import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reorganisation dated in the future: validated when requested (the same code as a preview), stored
 * here, and applied by `ReorganisationScheduler` when `effective_at` comes, as the requester.
 */
@Entity({ name: 'scheduled_reorganisation' })
@Check('chk_scheduled_reorg_status', `"status" IN ('scheduled','applied','failed','cancelled')`)
@Check('chk_scheduled_reorg_operation', `"operation" IN ('move','merge','dissolve','rename')`)
@Index('idx_scheduled_reorg_due', ['status', 'effectiveAt'])
@Index('idx_scheduled_reorg_unit', ['unitId'])
export class ScheduledReorganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  operation!: 'move' | 'merge' | 'dissolve' | 'rename';

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** The request body as given (with its effectiveAt). */
  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @Column({ type: 'text', default: 'scheduled' })
  status!: 'scheduled' | 'applied' | 'failed' | 'cancelled';

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
