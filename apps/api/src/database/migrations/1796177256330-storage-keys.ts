import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments are named by object keys (`<itemId>/<attachmentId>`, relative to the storage: UPLOAD_DIR on the local
 * disk, the bucket on S3), not absolute paths. Existing rows held `<UPLOAD_DIR>/<itemId>/<attachmentId>`: their key
 * is the last two segments, and the files stay where they are (the local adapter's root is UPLOAD_DIR).
 */
export class StorageKeys1796177256330 implements MigrationInterface {
  name = 'StorageKeys1796177256330';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_item_attachment" RENAME COLUMN "storage_path" TO "storage_key"`);
    await queryRunner.query(`UPDATE "work_item_attachment" SET "storage_key" = (regexp_match("storage_key", '([^/]+/[^/]+)$'))[1] WHERE "storage_key" LIKE '/%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The absolute folder is not known to the database; a revert keeps the keys (relative to UPLOAD_DIR).
    await queryRunner.query(`ALTER TABLE "work_item_attachment" RENAME COLUMN "storage_key" TO "storage_path"`);
  }
}
