import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UserStatus } from '@thidua/contracts';
import { UnitEntity } from './unit.entity';

@Entity({ name: 'app_user' })
@Index('idx_app_user_home_unit', ['homeUnitId'])
// Trigram index of the folded `full_name || ' ' || username` (the search box), migration 1796240000000.
@Index('idx_app_user_search_trgm', { synchronize: false })
@Check('chk_app_user_status', `"status" IN ('active','disabled')`)
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: UserStatus;

  /** The unit the person belongs to: admins of its subtree manage the account. */
  @Column({ name: 'home_unit_id', type: 'uuid', nullable: true })
  @ForeignKey(() => UnitEntity, { name: 'fk_app_user_home_unit' })
  homeUnitId!: string | null;

  /** argon2id encoded hash (parameters and salt included). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt!: Date;

  /** Bumped (by triggers and at sign-out) to end every access token issued before: see auth/session-version.service.ts. */
  @Column({ name: 'session_version', type: 'int', default: 0 })
  sessionVersion!: number;

  /** Attributes on the person that work allocation matches (`strategy: 'capability'`), e.g. "chuyên trách thi đua – khen thưởng". */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  capabilities!: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
