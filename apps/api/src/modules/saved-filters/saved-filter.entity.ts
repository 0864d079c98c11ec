import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A user's named set of filters of one list page (issue 19, line 5): `filters` holds only that page's keys. */
@Entity({ name: 'saved_filter' })
@Unique('uq_saved_filter_name', ['userId', 'page', 'name'])
export class SavedFilterEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_saved_filter' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  // org's app_user, named by table (as auth's refresh_token): a removed user's filters go with them.
  @ForeignKey('app_user', { name: 'fk_saved_filter_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  page!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  filters!: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
