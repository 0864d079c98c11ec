import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MilestoneKind } from '@thidua/contracts';

/** A review milestone: sơ kết (mid-term) or tổng kết (final), with its due date. */
@Entity({ name: 'campaign_milestone' })
@Index('idx_campaign_milestone_campaign', ['campaignId'])
@Check('chk_campaign_milestone_kind', `"kind" IN ('so_ket','tong_ket')`)
export class CampaignMilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'text' })
  kind!: MilestoneKind;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'date' })
  due!: string;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'closed';
}
