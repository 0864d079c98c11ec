import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A comment on an item by someone who reads it; `mention_user_ids` are the people it named (each told once). */
@Entity({ name: 'work_item_comment' })
@Index('idx_work_item_comment_item', ['itemId', 'createdAt'])
export class WorkItemCommentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_work_item_comment' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'mention_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mentionUserIds!: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
