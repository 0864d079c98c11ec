import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The digitally signed PDF of an issued document, with the SHA-256 of the bytes the signature covers
 * (its ByteRange) recorded at signing: the verification endpoint looks an uploaded file up by it.
 */
@Entity({ name: 'signed_pdf' })
@Index('uq_signed_pdf_signed_bytes', ['signedBytesSha256'], { unique: true })
export class SignedPdfEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'file_sha256', type: 'text' })
  fileSha256!: string;

  @Column({ name: 'signed_bytes_sha256', type: 'text' })
  signedBytesSha256!: string;

  @Column({ name: 'credential_id', type: 'uuid' })
  credentialId!: string;

  @Column({ name: 'signer_user_id', type: 'uuid', nullable: true })
  signerUserId!: string | null;

  @Column({ name: 'signer_subject', type: 'text' })
  signerSubject!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}
