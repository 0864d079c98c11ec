import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backfill's letter mapping, frozen here (a landed migration never changes): every non-ASCII
 * Vietnamese letter in both cases and A–Z, to its lower-case ASCII base. Must equal
 * `searchFold` in modules/org/unit-search.ts, which computes `search_text` from now on
 * (checked by unit-search.spec.ts and test/org/unit-search.int-spec.ts).
 */
export const SEARCH_FOLD_FROM =
  'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ' +
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const SEARCH_FOLD_TO =
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd' +
  'abcdefghijklmnopqrstuvwxyz';

/** The SQL fold of a text expression, as the backfill computes it. */
export function searchFoldSql(expr: string): string {
  return `translate(normalize(${expr}, NFC), '${SEARCH_FOLD_FROM}', '${SEARCH_FOLD_TO}')`;
}

export class UnitSearchText1795754574736 implements MigrationInterface {
  name = 'UnitSearchText1795754574736';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit" ADD "search_text" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`UPDATE "unit" SET "search_text" = ${searchFoldSql(`"code" || ' ' || "name"`)}`);
    await queryRunner.query(`CREATE INDEX "idx_unit_search_text" ON "unit" ("search_text" text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_unit_search_text"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP COLUMN "search_text"`);
  }
}
