import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A durable timer (reminder, escalation, wait) of an item; fired once by the scheduler. */
@Entity({ name: 'workflow_timer' })
@Unique('uq_workflow_timer_item_key', ['itemId', 'key'])
@Check('chk_workflow_timer_status', `"status" IN ('pending','fired','cancelled','stale')`)
@Index('idx_workflow_timer_due', { synchronize: false })
export class WorkflowTimerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'fire_at', type: 'timestamptz' })
  fireAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'fired' | 'cancelled' | 'stale';

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  result!: string | null;
}
