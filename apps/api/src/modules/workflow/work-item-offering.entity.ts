import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Early offering: the stages an item may reach soon whose people see it in their "upcoming" list, with the unit and
 * role the stage will be offered to. A projection of the snapshot's `upcoming`, rewritten by the step that changes it
 * (in its transaction), so the list is one indexed query like the inbox.
 */
@Entity({ name: 'work_item_upcoming' })
@Index('idx_work_item_upcoming_scope', { synchronize: false })
export class WorkItemUpcomingEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'pk_work_item_upcoming' })
  itemId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_work_item_upcoming' })
  stage!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'unit_path', type: 'text' })
  unitPath!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'excluded_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds!: string[];

  /** Forward moves from the item's current stage (1 = next). */
  @Column({ type: 'int' })
  distance!: number;
}

/** A person's commitment to take an upcoming stage of an item when it opens: one per item and stage (the first wins). */
@Entity({ name: 'work_item_commitment' })
@Index('idx_work_item_commitment_user', ['userId'])
export class WorkItemCommitmentEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'pk_work_item_commitment' })
  itemId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_work_item_commitment' })
  stage!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
