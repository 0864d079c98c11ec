import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chair of a unit (issue 15, line 4): an escalation step `{to: {chairOf: <unit selector>}}` hands the work to the
 * person recorded here. Nullable: a unit without a recorded chair skips such a step (`no_chair`). A chair whose
 * account is deleted leaves the unit without one.
 */
export class UnitChair1796195000000 implements MigrationInterface {
  name = 'UnitChair1796195000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE unit ADD COLUMN chair_user_id uuid NULL`);
    await queryRunner.query(`ALTER TABLE unit ADD CONSTRAINT fk_unit_chair_user FOREIGN KEY (chair_user_id) REFERENCES app_user(id) ON DELETE SET NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE unit DROP CONSTRAINT fk_unit_chair_user`);
    await queryRunner.query(`ALTER TABLE unit DROP COLUMN chair_user_id`);
  }
}
