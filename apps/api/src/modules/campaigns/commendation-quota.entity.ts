import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuotaBase } from '@thidua/contracts';

/**
 * How many nominations of one award form one unit may have in one campaign: a count (`maxCount`), or a
 * share of a base (`share` × the unit's members, or × the titles of `baseForm` awarded at the level below),
 * rounded down (commendation-rules.ts). Exactly one of the two is set.
 */
@Entity({ name: 'commendation_quota' })
export class CommendationQuotaEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @PrimaryColumn({ name: 'award_form', type: 'text' })
  awardForm!: string;

  @Column({ name: 'max_count', type: 'int', nullable: true })
  maxCount!: number | null;

  @Column({ type: 'numeric', precision: 6, scale: 4, nullable: true })
  share!: string | null;

  @Column({ type: 'text', nullable: true })
  base!: QuotaBase | null;

  @Column({ name: 'base_form', type: 'text', nullable: true })
  baseForm!: string | null;
}
