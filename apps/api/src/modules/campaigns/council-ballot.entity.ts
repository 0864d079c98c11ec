import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A council vote over a list of nominations. */
@Entity({ name: 'council_ballot' })
@Index('idx_council_ballot_campaign', ['campaignId'])
export class CouncilBallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'council_unit_id', type: 'uuid' })
  councilUnitId!: string;

  @Column({ name: 'nomination_ids', type: 'jsonb' })
  nominationIds!: string[];

  @Column({ name: 'eligible_user_ids', type: 'jsonb' })
  eligibleUserIds!: string[];

  @Column({ type: 'double precision' })
  quorum!: number;

  @Column({ name: 'pass_ratio', type: 'double precision' })
  passRatio!: number;

  @Column({ name: 'pass_basis', type: 'text' })
  passBasis!: 'cast' | 'eligible';

  @Column({ type: 'boolean' })
  secret!: boolean;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'closed';

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** nomination id → outcome, set at close. */
  @Column({ type: 'jsonb', nullable: true })
  outcomes!: Record<string, 'passed' | 'failed' | 'no_quorum'> | null;
}

/**
 * Who voted (one row each, primary key = one vote each). For a secret ballot the choices are NOT
 * kept here: they only increment the tally, so no one can link a vote to a member.
 */
@Entity({ name: 'council_ballot_voter' })
export class CouncilBallotVoterEntity {
  @PrimaryColumn({ name: 'ballot_id', type: 'uuid' })
  ballotId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** Open ballots only. */
  @Column({ type: 'jsonb', nullable: true })
  choices!: Record<string, string> | null;

  @Column({ name: 'voted_at', type: 'timestamptz', default: () => 'now()' })
  votedAt!: Date;
}

@Entity({ name: 'council_ballot_tally' })
export class CouncilBallotTallyEntity {
  @PrimaryColumn({ name: 'ballot_id', type: 'uuid' })
  ballotId!: string;

  @PrimaryColumn({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  @Column({ type: 'int', default: 0 })
  yes!: number;

  @Column({ type: 'int', default: 0 })
  no!: number;

  @Column({ type: 'int', default: 0 })
  abstain!: number;
}
