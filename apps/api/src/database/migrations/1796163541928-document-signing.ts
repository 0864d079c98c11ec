import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentSigning1796163541928 implements MigrationInterface {
  name = 'DocumentSigning1796163541928';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "signed_pdf" ("document_id" uuid NOT NULL, "content" bytea NOT NULL, "file_sha256" text NOT NULL, "signed_bytes_sha256" text NOT NULL, "credential_id" uuid NOT NULL, "signer_user_id" uuid, "signer_subject" text NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9ff4eb3a05aeea22351f262d02b" PRIMARY KEY ("document_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_signed_pdf_signed_bytes" ON "signed_pdf"  ("signed_bytes_sha256") `);
    await queryRunner.query(`CREATE TABLE "signing_credential" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "label" text NOT NULL, "common_name" text NOT NULL, "subject" text NOT NULL, "issuer" text NOT NULL, "serial" text NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE NOT NULL, "certificates" jsonb NOT NULL, "secret" bytea, "service_key_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_32b5f24c327d4c0f8b68f228f39" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_signing_credential_user" ON "signing_credential"  ("user_id") `);
    // Existing profiles get an empty list; new rows always say theirs (no default in the entity).
    await queryRunner.query(`ALTER TABLE "document_issuer_profile" ADD "recipient_options" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE "document_issuer_profile" ALTER COLUMN "recipient_options" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_issuer_profile" DROP COLUMN "recipient_options"`);
    await queryRunner.query(`DROP INDEX "public"."idx_signing_credential_user"`);
    await queryRunner.query(`DROP TABLE "signing_credential"`);
    await queryRunner.query(`DROP INDEX "public"."uq_signed_pdf_signed_bytes"`);
    await queryRunner.query(`DROP TABLE "signed_pdf"`);
  }
}
