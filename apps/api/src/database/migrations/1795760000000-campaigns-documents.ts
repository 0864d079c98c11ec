import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns, official documents and review reports (issue 6): campaigns and milestones, indicator
 * submissions, exemplary models, quotas, nominations, council ballots, inspections, the document
 * numbering register, official documents, issuer profiles and report drafts.
 */
export class CampaignsDocuments1795760000000 implements MigrationInterface {
  name = 'CampaignsDocuments1795760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaign_milestone" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "kind" text NOT NULL, "label" text NOT NULL, "due" date NOT NULL, "status" text NOT NULL DEFAULT 'open', CONSTRAINT "chk_campaign_milestone_kind" CHECK ("kind" IN ('so_ket','tong_ket')), CONSTRAINT "PK_1e60f5fa922bdb43f877e6fb4e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_milestone_campaign" ON "campaign_milestone"  ("campaign_id")`);
    await queryRunner.query(`CREATE TABLE "campaign" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "title" text NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "launching_unit_id" uuid NOT NULL, "legal_basis" jsonb NOT NULL, "criteria" jsonb NOT NULL, "indicators" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'draft', "plan_document_id" uuid, "launch_item_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_78f57196031319c696bdd28d6d3" UNIQUE ("code"), CONSTRAINT "chk_campaign_status" CHECK ("status" IN ('draft','awaiting_approval','launching','launched','closed','cancelled')), CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "commendation_quota" ("campaign_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "award_form" text NOT NULL, "max_count" integer NOT NULL, CONSTRAINT "PK_d18b23048f250b9c078e1faec46" PRIMARY KEY ("campaign_id", "unit_id", "award_form"))`);
    await queryRunner.query(`CREATE TABLE "council_ballot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "council_unit_id" uuid NOT NULL, "nomination_ids" jsonb NOT NULL, "eligible_user_ids" jsonb NOT NULL, "quorum" double precision NOT NULL, "pass_ratio" double precision NOT NULL, "pass_basis" text NOT NULL, "secret" boolean NOT NULL, "status" text NOT NULL DEFAULT 'open', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "outcomes" jsonb, CONSTRAINT "PK_cc5827f47a532ed393c4ed68db2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_council_ballot_campaign" ON "council_ballot"  ("campaign_id")`);
    await queryRunner.query(`CREATE TABLE "council_ballot_voter" ("ballot_id" uuid NOT NULL, "user_id" uuid NOT NULL, "choices" jsonb, "voted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8683f9122626ed12bbd190bf033" PRIMARY KEY ("ballot_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "council_ballot_tally" ("ballot_id" uuid NOT NULL, "nomination_id" uuid NOT NULL, "yes" integer NOT NULL DEFAULT '0', "no" integer NOT NULL DEFAULT '0', "abstain" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_bb025364b13a5e28274a8698471" PRIMARY KEY ("ballot_id", "nomination_id"))`);
    await queryRunner.query(`CREATE TABLE "exemplary_model" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "name" text NOT NULL, "description" text NOT NULL, "field" text NOT NULL, "plan_item_id" uuid, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd972f319bcd65f6b27cadfdb1c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_exemplary_model_campaign" ON "exemplary_model"  ("campaign_id", "unit_id")`);
    await queryRunner.query(`CREATE TABLE "indicator_submission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "milestone_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "values" jsonb NOT NULL, "scaled" jsonb NOT NULL, "self_assessment" text, "status" text NOT NULL, "review_comment" text, "submitted_by_user_id" uuid, "reviewed_by_user_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "chk_indicator_submission_status" CHECK ("status" IN ('submitted','accepted','returned')), CONSTRAINT "PK_89ccf427a54572b2ca6a2dbfb89" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_indicator_submission_status" ON "indicator_submission"  ("milestone_id", "status")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_indicator_submission" ON "indicator_submission"  ("campaign_id", "milestone_id", "unit_id")`);
    await queryRunner.query(`CREATE TABLE "inspection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "supervising_unit_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "topic" text NOT NULL, "scheduled_for" date NOT NULL, "status" text NOT NULL, "minutes" text, "attachment_ids" jsonb NOT NULL, "findings" jsonb NOT NULL, "corrective_due_at" TIMESTAMP WITH TIME ZONE, "corrective_action" text, "escalated_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_1e895c2ae7b7d9d1ec464950013" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_inspection_due" ON "inspection"  ("status", "corrective_due_at")`);
    await queryRunner.query(`CREATE INDEX "idx_inspection_campaign" ON "inspection"  ("campaign_id", "supervising_unit_id")`);
    await queryRunner.query(`CREATE TABLE "nomination" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "nominating_unit_id" uuid NOT NULL, "nominee_kind" text NOT NULL, "nominee_name" text NOT NULL, "nominee_unit_id" uuid, "nominee_position" text, "award_form" text NOT NULL, "rule_set" text NOT NULL, "legal_basis" text NOT NULL, "achievement_summary" text NOT NULL, "review_minutes" text NOT NULL, "attachment_ids" jsonb NOT NULL, "status" text NOT NULL, "at_unit_id" uuid, "decision_document_id" uuid, "history" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52e10255e966818cbebfc0f1144" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_nomination_at_unit" ON "nomination"  ("at_unit_id", "status")`);
    await queryRunner.query(`CREATE INDEX "idx_nomination_quota" ON "nomination"  ("campaign_id", "nominating_unit_id", "award_form")`);
    await queryRunner.query(`CREATE TABLE "document_number_counter" ("issuer_unit_id" uuid NOT NULL, "year" integer NOT NULL, "series" text NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_b92dcb53070352c086f0e935ece" PRIMARY KEY ("issuer_unit_id", "year", "series"))`);
    await queryRunner.query(`CREATE TABLE "document_issuer_profile" ("unit_id" uuid NOT NULL, "abbreviation" text NOT NULL, "parent_body_name" text NOT NULL, "issuing_body_name" text NOT NULL, "place" text NOT NULL, "council_abbreviation" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_424a7fcd2f9eb43ff8c9e26def4" PRIMARY KEY ("unit_id"))`);
    await queryRunner.query(`CREATE TABLE "official_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_unit_id" uuid NOT NULL, "series" text NOT NULL DEFAULT 'main', "doc_type" text, "department" text, "status" text NOT NULL DEFAULT 'draft', "number" integer, "year" integer, "symbol" text, "summary" text NOT NULL, "title" text NOT NULL, "body" jsonb NOT NULL, "place" text NOT NULL, "signed_on" date, "signed_at" TIMESTAMP WITH TIME ZONE, "signed_by_user_id" uuid, "authority" text NOT NULL, "authority_body" text NOT NULL, "signer_title" text NOT NULL, "signer_name" text NOT NULL, "recipients" jsonb NOT NULL, "archive_departments" jsonb NOT NULL, "campaign_id" uuid, "source_ref" text, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_official_document_authority" CHECK ("authority" IN ('TM','KT','Q','TL','TUQ')), CONSTRAINT "chk_official_document_status" CHECK ("status" IN ('draft','signed')), CONSTRAINT "PK_0ac471d1ca2ee389ce741c3c6ee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_official_document_campaign" ON "official_document"  ("campaign_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_official_document_number" ON "official_document"  ("issuer_unit_id", "series", "year", "number")`);
    await queryRunner.query(`CREATE TABLE "report_draft" ("milestone_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "sections" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_789ed83bd4387640f99db81d65c" PRIMARY KEY ("milestone_id", "unit_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "campaign_milestone"`);
    await queryRunner.query(`DROP INDEX "public"."idx_campaign_milestone_campaign"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
    await queryRunner.query(`DROP TABLE "commendation_quota"`);
    await queryRunner.query(`DROP TABLE "council_ballot"`);
    await queryRunner.query(`DROP INDEX "public"."idx_council_ballot_campaign"`);
    await queryRunner.query(`DROP TABLE "council_ballot_voter"`);
    await queryRunner.query(`DROP TABLE "council_ballot_tally"`);
    await queryRunner.query(`DROP TABLE "exemplary_model"`);
    await queryRunner.query(`DROP INDEX "public"."idx_exemplary_model_campaign"`);
    await queryRunner.query(`DROP TABLE "indicator_submission"`);
    await queryRunner.query(`DROP INDEX "public"."idx_indicator_submission_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_indicator_submission"`);
    await queryRunner.query(`DROP TABLE "inspection"`);
    await queryRunner.query(`DROP INDEX "public"."idx_inspection_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_inspection_campaign"`);
    await queryRunner.query(`DROP TABLE "nomination"`);
    await queryRunner.query(`DROP INDEX "public"."idx_nomination_at_unit"`);
    await queryRunner.query(`DROP INDEX "public"."idx_nomination_quota"`);
    await queryRunner.query(`DROP TABLE "document_number_counter"`);
    await queryRunner.query(`DROP TABLE "document_issuer_profile"`);
    await queryRunner.query(`DROP TABLE "official_document"`);
    await queryRunner.query(`DROP INDEX "public"."idx_official_document_campaign"`);
    await queryRunner.query(`DROP INDEX "public"."uq_official_document_number"`);
    await queryRunner.query(`DROP TABLE "report_draft"`);
  }
}
