import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visibility of held items per role (issue 15, line 3): `held_visibility` holds, per role, how much it sees of the
 * item while someone else holds it (none/count/titles/all; workflow-core `heldVisibilityAt` of the current stage),
 * written on every save like the other assignment columns. The default is what a definition without `visibility`
 * gives: administrators see everything, peers and the chair nothing.
 */
export class HeldVisibility1796181000000 implements MigrationInterface {
  name = 'HeldVisibility1796181000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_item" ADD "held_visibility" jsonb NOT NULL DEFAULT '{"admin": "all"}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_item" DROP COLUMN "held_visibility"`);
  }
}
