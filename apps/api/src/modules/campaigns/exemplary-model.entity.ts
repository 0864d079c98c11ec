import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An exemplary model (mô hình điển hình) a unit registered for a campaign. */
@Entity({ name: 'exemplary_model' })
@Index('idx_exemplary_model_campaign', ['campaignId', 'unitId'])
export class ExemplaryModelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  field!: string;

  @Column({ name: 'plan_item_id', type: 'uuid', nullable: true })
  planItemId!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt!: Date;
}
