import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UnitEntity } from './unit.entity';

/**
 * Effective-dated position of a unit: its parent and its path between `valid_from` and `valid_to`
 * (open = current). A move closes the rows of the whole moved subtree and opens new ones, so
 * "the tree as of D" is the set of rows valid at D, and a subtree as of D is a prefix match on
 * `path_at_time` (index `idx_unit_link_path`, text_pattern_ops, created by the migration).
 */
@Entity({ name: 'unit_parent_link' })
@Index('idx_unit_link_unit', ['unitId', 'validFrom'])
@Index('idx_unit_link_path', { synchronize: false })
@Index('uq_unit_link_current', { synchronize: false })
export class UnitParentLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  @ForeignKey(() => UnitEntity, { name: 'fk_unit_link_unit' })
  unitId!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  @ForeignKey(() => UnitEntity, { name: 'fk_unit_link_parent' })
  parentId!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  @Column({ name: 'path_at_time', type: 'text' })
  pathAtTime!: string;
}
