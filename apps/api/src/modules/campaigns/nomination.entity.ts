import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NomineeKind, NominationConfirmation, NominationPosting } from '@thidua/contracts';

/**
 * A commendation proposal (đề nghị khen thưởng): what was proposed, under which rules. Where it stands
 * (status, the unit whose turn it is, its history) is its `commendation` work item's state, derived on
 * read (nomination-status.ts); the row is written by the stage hooks `commendation.register_nomination`
 * (created with the item) and `commendation.issue_decision` (the decision's document).
 */
@Entity({ name: 'nomination' })
@Index('idx_nomination_quota', ['campaignId', 'nominatingUnitId', 'awardForm'])
@Index('uq_nomination_item', ['itemId'], { unique: true })
export class NominationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'nominating_unit_id', type: 'uuid' })
  nominatingUnitId!: string;

  @Column({ name: 'nominee_kind', type: 'text' })
  nomineeKind!: NomineeKind;

  @Column({ name: 'nominee_name', type: 'text' })
  nomineeName!: string;

  @Column({ name: 'nominee_unit_id', type: 'uuid', nullable: true })
  nomineeUnitId!: string | null;

  @Column({ name: 'nominee_position', type: 'text', nullable: true })
  nomineePosition!: string | null;

  @Column({ name: 'award_form', type: 'text' })
  awardForm!: string;

  /** The rule set in force when it was nominated, and its legal basis (kept even after rules change). */
  @Column({ name: 'rule_set', type: 'text' })
  ruleSet!: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'achievement_summary', type: 'text' })
  achievementSummary!: string;

  @Column({ name: 'review_minutes', type: 'text' })
  reviewMinutes!: string;

  @Column({ name: 'attachment_ids', type: 'jsonb' })
  attachmentIds!: string[];

  /** The nomination's `commendation` work item. */
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'decision_document_id', type: 'uuid', nullable: true })
  decisionDocumentId!: string | null;

  /** The period the achievements are for (the rule set and catalogue are those in force at its end). */
  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom!: string | null;

  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo!: string | null;

  /** The upper union's confirmation of the achievement report: written by the hook `commendation.check_dossier` on the step that gave it. */
  @Column({ type: 'jsonb', nullable: true })
  confirmation!: NominationConfirmation | null;

  /** The public posting (niêm yết công khai) before the council's vote, where the form requires one. */
  @Column({ type: 'jsonb', nullable: true })
  posting!: NominationPosting | null;

  /** The council's minutes (biên bản) of the last vote on it: written by the hook `commendation.council_minutes`. */
  @Column({ name: 'council_minutes_document_id', type: 'uuid', nullable: true })
  councilMinutesDocumentId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
