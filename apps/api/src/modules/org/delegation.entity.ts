import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AppUserEntity } from './app-user.entity';

/** A user hands their roles (all workflows, or the listed ones) to another user for a period. */
@Entity({ name: 'delegation' })
@Index('idx_delegation_to', ['toUserId', 'validFrom'])
@Index('idx_delegation_from', ['fromUserId', 'validFrom'])
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'from_user_id', type: 'uuid' })
  @ForeignKey(() => AppUserEntity, { name: 'fk_delegation_from' })
  fromUserId!: string;

  @Column({ name: 'to_user_id', type: 'uuid' })
  @ForeignKey(() => AppUserEntity, { name: 'fk_delegation_to' })
  toUserId!: string;

  @Column({ type: 'text', array: true, nullable: true })
  workflows!: string[] | null;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz' })
  validTo!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
