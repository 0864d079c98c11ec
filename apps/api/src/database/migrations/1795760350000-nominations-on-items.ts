import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nominations are projections of their `commendation` work items (docs/campaigns.md): the row keeps what
 * was proposed and the decision's document; status, the unit holding it and the history are the item's.
 * Council ballots are the items' vote stages: the ballot tables go. Nominations made before the runtime
 * (no item) cannot be derived and are removed.
 */
export class NominationsOnItems1795760350000 implements MigrationInterface {
  name = 'NominationsOnItems1795760350000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "council_ballot_tally"`);
    await queryRunner.query(`DROP TABLE "council_ballot_voter"`);
    await queryRunner.query(`DROP INDEX "public"."idx_council_ballot_campaign"`);
    await queryRunner.query(`DROP TABLE "council_ballot"`);
    await queryRunner.query(`DELETE FROM "nomination" WHERE "item_id" IS NULL`);
    await queryRunner.query(`DROP INDEX "public"."idx_nomination_at_unit"`);
    await queryRunner.query(`DROP INDEX "public"."idx_nomination_item"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "at_unit_id"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "history"`);
    await queryRunner.query(`ALTER TABLE "nomination" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "nomination" ALTER COLUMN "item_id" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_nomination_item" ON "nomination"  ("item_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_nomination_item"`);
    await queryRunner.query(`ALTER TABLE "nomination" ALTER COLUMN "item_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "history" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "nomination" ALTER COLUMN "history" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "at_unit_id" uuid`);
    await queryRunner.query(`ALTER TABLE "nomination" ADD "status" text NOT NULL DEFAULT 'draft'`);
    await queryRunner.query(`ALTER TABLE "nomination" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`CREATE INDEX "idx_nomination_item" ON "nomination"  ("item_id")`);
    await queryRunner.query(`CREATE INDEX "idx_nomination_at_unit" ON "nomination"  ("at_unit_id", "status")`);
    await queryRunner.query(`CREATE TABLE "council_ballot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "council_unit_id" uuid NOT NULL, "nomination_ids" jsonb NOT NULL, "eligible_user_ids" jsonb NOT NULL, "quorum" double precision NOT NULL, "pass_ratio" double precision NOT NULL, "pass_basis" text NOT NULL, "secret" boolean NOT NULL, "status" text NOT NULL DEFAULT 'open', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "outcomes" jsonb, CONSTRAINT "PK_cc5827f47a532ed393c4ed68db2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_council_ballot_campaign" ON "council_ballot"  ("campaign_id")`);
    await queryRunner.query(`CREATE TABLE "council_ballot_voter" ("ballot_id" uuid NOT NULL, "user_id" uuid NOT NULL, "choices" jsonb, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8683f9122626ed12bbd190bf033" PRIMARY KEY ("ballot_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "council_ballot_tally" ("ballot_id" uuid NOT NULL, "nomination_id" uuid NOT NULL, "yes" integer NOT NULL DEFAULT '0', "no" integer NOT NULL DEFAULT '0', "abstain" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_bb025364b13a5e28274a8698471" PRIMARY KEY ("ballot_id", "nomination_id"))`);
  }
}
