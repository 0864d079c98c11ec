import { Column, Entity, PrimaryColumn } from 'typeorm';

/** At most `maxCount` live nominations of one award form from one unit in one campaign. */
@Entity({ name: 'commendation_quota' })
export class CommendationQuotaEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @PrimaryColumn({ name: 'award_form', type: 'text' })
  awardForm!: string;

  @Column({ name: 'max_count', type: 'int' })
  maxCount!: number;
}
