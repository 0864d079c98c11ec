import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitKind, UnitStatus } from '@thidua/contracts';

/**
 * A union organisation. `path` is the materialised path of its CURRENT position, made of the
 * immutable `path_key` of each unit from the root (see docs/hierarchy.md). Subtree queries are
 * `path LIKE '<prefix>%'` on the text_pattern_ops index `idx_unit_path` (created by the migration,
 * not by TypeORM, which cannot express an operator class).
 */
@Entity({ name: 'unit' })
@Index('idx_unit_path', { synchronize: false })
@Index('idx_unit_search_text', { synchronize: false })
// Trigram index of search_text (the search box's `LIKE '%word%'`), migration 1796240000000.
@Index('idx_unit_search_trgm', { synchronize: false })
@Index('idx_unit_parent', ['parentId'])
@Check('chk_unit_kind', `"kind" IN ('confederation','province_federation','upper_union','grassroots_union','sub_union')`)
@Check('chk_unit_status', `"status" IN ('active','merged','dissolved')`)
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  /** Fixed-width base-36 key taken from `unit_key_seq`; never changes, even on rename or move. */
  @Column({ name: 'path_key', type: 'text', unique: true })
  pathKey!: string;

  @Column({ type: 'text' })
  name!: string;

  /**
   * `code + ' ' + name` in lower case without Vietnamese diacritics (`unit-search.ts`), written by
   * the repository on every insert and rename; what `GET /units?q=` matches. Index
   * `idx_unit_search_text` (text_pattern_ops) is created by the migration.
   */
  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText!: string;

  @Column({ type: 'text' })
  kind!: UnitKind;

  @Column({ type: 'text', nullable: true })
  sector!: string | null;

  @Column({ name: 'member_count', type: 'int', nullable: true })
  memberCount!: number | null;

  @Column({ type: 'text', default: 'active' })
  status!: UnitStatus;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  @ForeignKey(() => UnitEntity, { name: 'fk_unit_merged_into' })
  mergedIntoId!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  @ForeignKey(() => UnitEntity, { name: 'fk_unit_parent' })
  parentId!: string | null;

  @Column({ type: 'text' })
  path!: string;

  /** The unit's chair (Chủ tịch), whom an escalation step `{to: {chairOf}}` hands work to; migration 1796195000000. */
  @Column({ name: 'chair_user_id', type: 'uuid', nullable: true })
  @ForeignKey('app_user', { name: 'fk_unit_chair_user', onDelete: 'SET NULL' })
  chairUserId!: string | null;

  @Column({ type: 'int' })
  depth!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
