import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrgAuth1764300000000 implements MigrationInterface {
  name = 'OrgAuth1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "path_key" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "sector" text, "member_count" integer, "status" text NOT NULL DEFAULT 'active', "merged_into_id" uuid, "parent_id" uuid, "path" text NOT NULL, "depth" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_dfb75cdb2a790fb84327e1d1b15" UNIQUE ("code"), CONSTRAINT "UQ_4197cef3433e2aae443db52a6c0" UNIQUE ("path_key"), CONSTRAINT "chk_unit_status" CHECK ("status" IN ('active','merged','dissolved')), CONSTRAINT "chk_unit_kind" CHECK ("kind" IN ('confederation','province_federation','upper_union','grassroots_union','sub_union')), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_unit_parent" ON "unit"  ("parent_id") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "full_name" text NOT NULL, "email" text, "status" text NOT NULL DEFAULT 'active', "home_unit_id" uuid, "password_hash" text NOT NULL, "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c480e576dd71729addbc2d51b67" UNIQUE ("username"), CONSTRAINT "chk_app_user_status" CHECK ("status" IN ('active','disabled')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_app_user_home_unit" ON "app_user"  ("home_unit_id") `);
    await queryRunner.query(`CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "family_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "replaced_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_refresh_token_user" ON "refresh_token"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "idx_refresh_token_family" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "delegation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_user_id" uuid NOT NULL, "to_user_id" uuid NOT NULL, "workflows" text array, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2cb6c9b942d68b109131beab44" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_delegation_from" ON "delegation"  ("from_user_id", "valid_from") `);
    await queryRunner.query(`CREATE INDEX "idx_delegation_to" ON "delegation"  ("to_user_id", "valid_from") `);
    await queryRunner.query(`CREATE TABLE "role_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "role" text NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "valid_to" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_role_assignment_role" CHECK ("role" IN ('officer','supervisor','council_member','council_secretary','admin','viewer')), CONSTRAINT "PK_7e79671a8a5db18936173148cb4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_role_assignment_unit_role" ON "role_assignment"  ("unit_id", "role") `);
    await queryRunner.query(`CREATE INDEX "idx_role_assignment_user" ON "role_assignment"  ("user_id", "valid_from") `);
    await queryRunner.query(`CREATE TABLE "unit_parent_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "parent_id" uuid, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "path_at_time" text NOT NULL, CONSTRAINT "PK_ab479aa2099878a68300bfd5b0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_unit_link_unit" ON "unit_parent_link"  ("unit_id", "valid_from") `);
    await queryRunner.query(`ALTER TABLE "unit" ADD CONSTRAINT "fk_unit_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "unit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit" ADD CONSTRAINT "fk_unit_parent" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_home_unit" FOREIGN KEY ("home_unit_id") REFERENCES "unit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegation" ADD CONSTRAINT "fk_delegation_from" FOREIGN KEY ("from_user_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegation" ADD CONSTRAINT "fk_delegation_to" FOREIGN KEY ("to_user_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "fk_role_assignment_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "fk_role_assignment_unit" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit_parent_link" ADD CONSTRAINT "fk_unit_link_unit" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit_parent_link" ADD CONSTRAINT "fk_unit_link_parent" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    // What TypeORM cannot declare (kept out of the entities with synchronize: false; see docs/hierarchy.md).
    // Per-unit path keys come from this sequence, written as 6 base-36 digits.
    await queryRunner.query(`CREATE SEQUENCE "unit_key_seq" AS bigint START WITH 1`);
    // Prefix searches on the materialised paths: text_pattern_ops makes LIKE 'prefix%' indexable
    // whatever the database collation, on PostgreSQL 15 and on PGlite (18) alike, no extension.
    await queryRunner.query(`CREATE INDEX "idx_unit_path" ON "unit" ("path" text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "idx_unit_link_path" ON "unit_parent_link" ("path_at_time" text_pattern_ops)`);
    // At most one open (current) link per unit.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_unit_link_current" ON "unit_parent_link" ("unit_id") WHERE "valid_to" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_unit_link_current"`);
    await queryRunner.query(`DROP INDEX "public"."idx_unit_link_path"`);
    await queryRunner.query(`DROP INDEX "public"."idx_unit_path"`);
    await queryRunner.query(`DROP SEQUENCE "unit_key_seq"`);
    await queryRunner.query(`ALTER TABLE "unit_parent_link" DROP CONSTRAINT "fk_unit_link_parent"`);
    await queryRunner.query(`ALTER TABLE "unit_parent_link" DROP CONSTRAINT "fk_unit_link_unit"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "fk_role_assignment_unit"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "fk_role_assignment_user"`);
    await queryRunner.query(`ALTER TABLE "delegation" DROP CONSTRAINT "fk_delegation_to"`);
    await queryRunner.query(`ALTER TABLE "delegation" DROP CONSTRAINT "fk_delegation_from"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_user"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_home_unit"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "fk_unit_parent"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "fk_unit_merged_into"`);
    await queryRunner.query(`DROP INDEX "public"."idx_unit_link_unit"`);
    await queryRunner.query(`DROP TABLE "unit_parent_link"`);
    await queryRunner.query(`DROP INDEX "public"."idx_role_assignment_user"`);
    await queryRunner.query(`DROP INDEX "public"."idx_role_assignment_unit_role"`);
    await queryRunner.query(`DROP TABLE "role_assignment"`);
    await queryRunner.query(`DROP INDEX "public"."idx_delegation_to"`);
    await queryRunner.query(`DROP INDEX "public"."idx_delegation_from"`);
    await queryRunner.query(`DROP TABLE "delegation"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refresh_token_family"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refresh_token_user"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."idx_app_user_home_unit"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."idx_unit_parent"`);
    await queryRunner.query(`DROP TABLE "unit"`);
  }
}
