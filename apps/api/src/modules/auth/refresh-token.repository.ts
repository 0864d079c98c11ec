import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface RefreshTokenRecord {
  id: string;
  userId: string;
  tokenHash: string;
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  replacedById: string | null;
}

/** The only class that queries `refresh_token`. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findForUpdate(id: string, manager: EntityManager): Promise<RefreshTokenRecord | null> {
    const rows: RefreshTokenRecord[] = await manager.query(
      `SELECT id, user_id AS "userId", token_hash AS "tokenHash", family_id AS "familyId", expires_at AS "expiresAt",
              revoked_at AS "revokedAt", replaced_by_id AS "replacedById"
       FROM refresh_token WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(row: { id: string; userId: string; tokenHash: string; familyId: string; expiresAt: Date }, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO refresh_token (id, user_id, token_hash, family_id, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      row.id,
      row.userId,
      row.tokenHash,
      row.familyId,
      row.expiresAt,
    ]);
  }

  async markReplaced(id: string, replacedById: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now(), replaced_by_id = $2 WHERE id = $1`, [id, replacedById]);
  }

  async revokeFamily(familyId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async revokeAllOfUser(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
