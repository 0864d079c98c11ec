import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@thidua/contracts';
import { AppUserEntity } from './app-user.entity';
import { UnitEntity } from './unit.entity';

/** A role a user holds at a unit between `valid_from` and `valid_to` (open = still held). */
@Entity({ name: 'role_assignment' })
@Index('idx_role_assignment_user', ['userId', 'validFrom'])
@Index('idx_role_assignment_unit_role', ['unitId', 'role'])
@Check('chk_role_assignment_role', `"role" IN ('officer','supervisor','council_member','council_secretary','admin','viewer')`)
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey(() => AppUserEntity, { name: 'fk_role_assignment_user' })
  userId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  @ForeignKey(() => UnitEntity, { name: 'fk_role_assignment_unit' })
  unitId!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;
}
