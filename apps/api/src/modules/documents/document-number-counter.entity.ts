import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The numbering register: one row per issuing unit, calendar year and series, holding the last number
 * given. Allocation is an upsert that increments and returns it inside the signing transaction, so
 * concurrent signers queue on the row lock and a rolled-back signing gives its number back.
 */
@Entity({ name: 'document_number_counter' })
export class DocumentNumberCounterEntity {
  @PrimaryColumn({ name: 'issuer_unit_id', type: 'uuid' })
  issuerUnitId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  series!: string;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber!: number;
}
