import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DocumentsSql } from '../documents/index';
import { OrgSql } from '../org/index';
import { rowsOf } from '../workflow/index';

export interface HistoryRow {
  nominationId: string;
  itemId: string;
  nomineeName: string;
  nomineeKind: 'individual' | 'collective';
  awardFormCode: string;
  decisionSymbol: string | null;
  decisionDate: string | null;
  decisionDocumentId: string;
  campaignId: string;
  campaignTitle: string;
  nominatedOn: string;
}

const SELECT = `SELECT n.id AS "nominationId", n.item_id AS "itemId", n.nominee_name AS "nomineeName", n.nominee_kind AS "nomineeKind",
       n.award_form AS "awardFormCode", d.symbol AS "decisionSymbol", to_char(d.signed_on, 'YYYY-MM-DD') AS "decisionDate",
       n.decision_document_id AS "decisionDocumentId", c.id AS "campaignId", c.title AS "campaignTitle", to_char(n.created_at, 'YYYY-MM-DD') AS "nominatedOn"
  FROM nomination n
  JOIN ${DocumentsSql.documents('d')} ON d.id = n.decision_document_id
  JOIN campaign c ON c.id = n.campaign_id`;
const ORDER = `ORDER BY d.signed_on DESC NULLS LAST, n.created_at DESC, n.id`;

/**
 * The commendations a person or a unit received: nominations that reached a decision (their decision document
 * is set), read in one statement from the nomination, its decision and its campaign. Nominations name a person by
 * name and unit (no user id): a person's are the individual nominations of their full name at their home unit.
 */
@Injectable()
export class CommendationHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async person(userId: string, offset: number, limit: number): Promise<HistoryRow[]> {
    return rowsOf<HistoryRow>(
      await this.dataSource.query(
        `${SELECT}
          JOIN ${OrgSql.people('p')} ON p.id = $1
         WHERE n.decision_document_id IS NOT NULL AND n.nominee_kind = 'individual'
           AND btrim(n.nominee_name) = btrim(p.full_name)
           AND coalesce(n.nominee_unit_id, n.nominating_unit_id) = p.home_unit_id
         ${ORDER} OFFSET $2 LIMIT $3`,
        [userId, offset, limit],
      ),
    );
  }

  async unit(unitId: string, offset: number, limit: number): Promise<HistoryRow[]> {
    return rowsOf<HistoryRow>(
      await this.dataSource.query(
        `${SELECT}
         WHERE n.decision_document_id IS NOT NULL AND n.nominee_kind = 'collective' AND coalesce(n.nominee_unit_id, n.nominating_unit_id) = $1
         ${ORDER} OFFSET $2 LIMIT $3`,
        [unitId, offset, limit],
      ),
    );
  }

  /** The unit's path, or a person's home unit path (for the scope check); undefined when unknown. */
  async unitPath(unitId: string): Promise<string | undefined> {
    return rowsOf<{ path: string }>(await this.dataSource.query(`SELECT u.path FROM ${OrgSql.units('u')} WHERE u.id = $1`, [unitId]))[0]?.path;
  }

  async homePath(userId: string): Promise<string | undefined> {
    return rowsOf<{ path: string }>(
      await this.dataSource.query(`SELECT u.path FROM ${OrgSql.people('p')} JOIN ${OrgSql.units('u')} ON u.id = p.home_unit_id WHERE p.id = $1`, [userId]),
    )[0]?.path;
  }
}
