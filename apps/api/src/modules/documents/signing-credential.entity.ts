import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signer's certificate. `pkcs12`: the PKCS#12 file and its passphrase, encrypted together with
 * AES-256-GCM under the configured SIGNING_KEY (`secret` = iv | tag | ciphertext). `service`: the key
 * stays in a USB token or a remote signing service; `serviceKeyId` names it there.
 */
@Entity({ name: 'signing_credential' })
@Index('idx_signing_credential_user', ['userId'])
export class SigningCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: 'pkcs12' | 'service';

  @Column({ type: 'text' })
  label!: string;

  @Column({ name: 'common_name', type: 'text' })
  commonName!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  serial!: string;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz' })
  validTo!: Date;

  /** Base64 DER, the signer's certificate first. */
  @Column({ type: 'jsonb' })
  certificates!: string[];

  @Column({ type: 'bytea', nullable: true })
  secret!: Buffer | null;

  @Column({ name: 'service_key_id', type: 'text', nullable: true })
  serviceKeyId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
