import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a unit prints as an issuer: abbreviation in symbols, header lines, place name. */
@Entity({ name: 'document_issuer_profile' })
export class IssuerProfileEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'text' })
  abbreviation!: string;

  @Column({ name: 'parent_body_name', type: 'text' })
  parentBodyName!: string;

  @Column({ name: 'issuing_body_name', type: 'text' })
  issuingBodyName!: string;

  @Column({ type: 'text' })
  place!: string;

  @Column({ name: 'council_abbreviation', type: 'text' })
  councilAbbreviation!: string;

  /** Recipients offered for Nơi nhận (e.g. Sở Nội vụ, UBMTTQVN tỉnh, Trưởng Khối thi đua). */
  @Column({ name: 'recipient_options', type: 'jsonb' })
  recipientOptions!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
