import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CampaignStatus, IndicatorSpec } from '@thidua/contracts';

/** An emulation campaign (phong trào thi đua) launched by a unit. */
@Entity({ name: 'campaign' })
@Check('chk_campaign_status', `"status" IN ('draft','awaiting_approval','launching','launched','closed','cancelled')`)
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom!: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo!: string;

  @Column({ name: 'launching_unit_id', type: 'uuid' })
  launchingUnitId!: string;

  @Column({ name: 'legal_basis', type: 'jsonb' })
  legalBasis!: string[];

  @Column({ type: 'jsonb' })
  criteria!: string[];

  @Column({ type: 'jsonb' })
  indicators!: IndicatorSpec[];

  @Column({ type: 'text', default: 'draft' })
  status!: CampaignStatus;

  @Column({ name: 'plan_document_id', type: 'uuid', nullable: true })
  planDocumentId!: string | null;

  /** The runtime's launch work item, once the launch runs on the engine. */
  @Column({ name: 'launch_item_id', type: 'uuid', nullable: true })
  launchItemId!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
