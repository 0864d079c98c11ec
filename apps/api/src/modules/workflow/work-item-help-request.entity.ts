import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A holder's request to a named colleague to help with (`help`) or co-sign (`cosign`) one entry of an item's stage
 * (`stage_seq`, the snapshot's seq when asked). Answered `replied` (help, `answer` the reply), `signed` or `declined`
 * (co-sign, `answer` the reason), or `cancelled` by the holder. An `open` request of an entry the item has left reads
 * as lapsed (help-requests.ts `effectiveStatus`): nothing is written when the item moves on.
 */
@Entity({ name: 'work_item_help_request' })
@Index('idx_work_item_help_request_item', ['itemId', 'stageSeq'])
@Index('idx_work_item_help_request_to', ['toUserId', 'status'])
export class WorkItemHelpRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_work_item_help_request' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'stage_seq', type: 'integer' })
  stageSeq!: number;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'from_user_id', type: 'uuid' })
  fromUserId!: string;

  @Column({ name: 'to_user_id', type: 'uuid' })
  toUserId!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text', default: 'open' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}
