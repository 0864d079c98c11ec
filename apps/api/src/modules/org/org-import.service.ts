import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UNIT_FILE_COLUMNS, USER_FILE_COLUMNS, type ExportQuery, type ImportFormat, type ImportReport, type ImportRowProblem } from '@thidua/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccessService } from './access.service';
import { checkUnitRows, checkUserRows, type UnitImportRow, type UserImportRow } from './import-rows';
import { PeopleRepository } from './people.repository';
import { actorOf } from './reorganisation.service';
import { readTable, toCsv, toXlsx } from './tabular-file';
import { UnitRepository, type NewUnitRow, type UnitRecord } from './unit.repository';
import { canBeParentOf } from './unit-kind-rules';
import { childPath } from './unit-path';

/** Who imports: an admin (scope-checked) or the system seeder (no scope). */
/** Who imports. The system (demo seeder) may date what it creates (`effectiveAt`, e.g. the fixture's 2019 tree). */
export type Importer = { principal: Principal } | { system: true; passwordHash: string; effectiveAt?: Date };

/** Marks an account with no usable password yet: verification of anything fails; an admin resets it. */
export const NO_PASSWORD = '!no-password';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const NOT_FOUND_OR_OUT_OF_SCOPE = 'not_found_or_out_of_scope';

/**
 * Import of units and users from CSV/XLSX: every bad row is reported (row, column, reason) and
 * nothing is written; a good file is applied in one transaction; re-importing the same file
 * changes nothing (rows are keyed by unit code / username). Exports write the same columns.
 */
@Injectable()
export class OrgImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly people: PeopleRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async importUnitsFile(principal: Principal, buffer: Buffer, format: ImportFormat): Promise<ImportReport> {
    const checked = checkUnitRows(await readTable(buffer, format, this.config.imports));
    if (checked.problems.length) throw importInvalid(checked.problems);
    return this.dataSource.transaction((m) => this.applyUnits({ principal }, checked.rows, m));
  }

  async importUsersFile(principal: Principal, buffer: Buffer, format: ImportFormat): Promise<ImportReport> {
    const checked = checkUserRows(await readTable(buffer, format, this.config.imports));
    if (checked.problems.length) throw importInvalid(checked.problems);
    return this.dataSource.transaction((m) => this.applyUsers({ principal }, checked.rows, m));
  }

  /** Checks the rows against the database, then writes them; throws IMPORT_INVALID (and writes nothing) on any problem. */
  async applyUnits(importer: Importer, rows: UnitImportRow[], m: EntityManager): Promise<ImportReport> {
    const problems: ImportRowProblem[] = [];
    const bad = (row: number, column: string, reason: string) => problems.push({ row, column, reason });
    const codes = [...new Set(rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])))];
    const existing = new Map((await this.units.findByCodes(codes, m)).map((u) => [u.code, u]));
    const parentIds = [...existing.values()].map((u) => u.parentId).filter((x): x is string => !!x);
    const byId = new Map((await this.units.findByIds(parentIds, m)).map((u) => [u.id, u]));
    const mayAdminister = (u: UnitRecord) => 'system' in importer || this.access.holdsRoleOver(importer.principal, ['admin'], u.path);

    const updates: Array<{ unit: UnitRecord; row: UnitImportRow }> = [];
    let unchanged = 0;
    const newRows = new Map<string, UnitImportRow>();
    for (const r of rows) {
      const u = existing.get(r.code);
      if (!u) {
        newRows.set(r.code, r);
        continue;
      }
      if (!mayAdminister(u)) {
        bad(r.line, 'code', NOT_FOUND_OR_OUT_OF_SCOPE);
        continue;
      }
      const currentParent = u.parentId ? byId.get(u.parentId)?.code ?? null : null;
      if (currentParent !== r.parentCode) bad(r.line, 'parent_code', `differs_from_current_parent (${currentParent ?? '-'}); use move`);
      if (u.kind !== r.kind) bad(r.line, 'kind', `differs_from_current_kind (${u.kind})`);
      if (u.status !== 'active') bad(r.line, 'code', `unit_is_${u.status}`);
      if (u.name !== r.name || u.sector !== r.sector || u.memberCount !== r.memberCount) updates.push({ unit: u, row: r });
      else unchanged += 1;
    }

    // New units: parents first (a parent is an existing unit or another new row).
    const ordered: UnitImportRow[] = [];
    const placed = new Set<string>();
    const visiting = new Set<string>();
    const failed = new Set<string>();
    const place = (r: UnitImportRow): boolean => {
      if (placed.has(r.code)) return true;
      if (failed.has(r.code)) return false;
      if (visiting.has(r.code)) return false; // the row naming it as parent reports the cycle
      visiting.add(r.code);
      let ok = true;
      if (r.parentCode && newRows.has(r.parentCode)) {
        const parentRow = newRows.get(r.parentCode)!;
        const isCycle = visiting.has(parentRow.code);
        ok = place(parentRow);
        if (!ok && isCycle) bad(r.line, 'parent_code', 'cycle');
        else if (!ok && !problems.some((p) => p.row === r.line)) bad(r.line, 'parent_code', `parent_row_invalid (row ${parentRow.line})`);
        if (ok && !canBeParentOf(parentRow.kind, r.kind)) {
          bad(r.line, 'kind', `not_allowed_under_${parentRow.kind}`);
          ok = false;
        }
      } else if (r.parentCode) {
        const p = existing.get(r.parentCode);
        if (!p || p.status !== 'active' || !mayAdminister(p)) {
          bad(r.line, 'parent_code', NOT_FOUND_OR_OUT_OF_SCOPE);
          ok = false;
        } else if (!canBeParentOf(p.kind, r.kind)) {
          bad(r.line, 'kind', `not_allowed_under_${p.kind}`);
          ok = false;
        }
      } else if (!('system' in importer)) {
        bad(r.line, 'parent_code', 'required');
        ok = false;
      }
      visiting.delete(r.code);
      if (ok) {
        placed.add(r.code);
        ordered.push(r);
      } else failed.add(r.code);
      return ok;
    };
    for (const r of newRows.values()) place(r);
    if (problems.length) throw importInvalid(problems);

    const at = ('system' in importer && importer.effectiveAt) || new Date();
    const keys = await this.units.nextPathKeys(ordered.length, m);
    const fresh = new Map<string, NewUnitRow>();
    const inserts = ordered.map((r, i): NewUnitRow => {
      const parent = r.parentCode ? (fresh.get(r.parentCode) ?? existing.get(r.parentCode)!) : null;
      const row: NewUnitRow = {
        id: randomUUID(),
        code: r.code,
        name: r.name,
        kind: r.kind,
        sector: r.sector,
        memberCount: r.memberCount,
        parentId: parent?.id ?? null,
        pathKey: keys[i]!,
        path: childPath(parent?.path ?? null, keys[i]!),
        depth: parent ? parent.depth + 1 : 0,
      };
      fresh.set(r.code, row);
      return row;
    });
    await this.units.insertMany(inserts, at, m);
    for (const { unit, row } of updates) {
      await this.units.updateAttributes(unit.id, { name: row.name, sector: row.sector, memberCount: row.memberCount }, m);
    }
    const report: ImportReport = { rows: rows.length, created: inserts.length, updated: updates.length, unchanged };
    if (inserts.length + updates.length > 0) {
      await this.audit.record(m, {
        action: 'unit.imported',
        entityType: 'unit',
        entityId: inserts[0]?.id ?? updates[0]!.unit.id,
        ...('principal' in importer ? actorOf(importer.principal, inserts[0]?.path ?? updates[0]!.unit.path) : {}),
        details: { ...report, createdCodes: inserts.slice(0, 200).map((r) => r.code), updatedCodes: updates.slice(0, 200).map((u) => u.unit.code) },
      });
    }
    return report;
  }

  async applyUsers(importer: Importer, rows: UserImportRow[], m: EntityManager): Promise<ImportReport> {
    const problems: ImportRowProblem[] = [];
    const bad = (row: number, column: string, reason: string) => problems.push({ row, column, reason });
    const unitCodes = [...new Set(rows.flatMap((r) => [r.unitCode, ...r.roles.map((x) => x.unitCode ?? r.unitCode)]))];
    const units = new Map((await this.units.findByCodes(unitCodes, m)).map((u) => [u.code, u]));
    const users = new Map((await this.people.findUsersByUsernames(rows.map((r) => r.username), m)).map((u) => [u.username, u]));
    const mayAdminister = (path: string | null) => !!path && ('system' in importer || this.access.holdsRoleOver(importer.principal, ['admin'], path));
    const usable = (code: string) => {
      const u = units.get(code);
      return u && u.status === 'active' && mayAdminister(u.path) ? u : undefined;
    };
    for (const r of rows) {
      if (!usable(r.unitCode)) bad(r.line, 'unit_code', NOT_FOUND_OR_OUT_OF_SCOPE);
      for (const x of r.roles) if (x.unitCode && !usable(x.unitCode)) bad(r.line, 'roles', `${x.role}@${x.unitCode}: ${NOT_FOUND_OR_OUT_OF_SCOPE}`);
      const u = users.get(r.username);
      if (u && !mayAdminister(u.homeUnitPath)) bad(r.line, 'username', 'taken');
    }
    if (problems.length) throw importInvalid(problems);

    const now = ('system' in importer && importer.effectiveAt) || new Date();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const passwordHash = 'system' in importer ? importer.passwordHash : NO_PASSWORD;
    for (const r of rows) {
      const home = units.get(r.unitCode)!;
      let user = users.get(r.username);
      let changed = false;
      let userId: string;
      if (!user) {
        userId = await this.people.insertUser({ username: r.username, fullName: r.fullName, email: r.email, homeUnitId: home.id, passwordHash, status: r.status }, m);
        created += 1;
      } else {
        userId = user.id;
        if (user.fullName !== r.fullName || user.email !== r.email || user.status !== r.status || user.homeUnitId !== home.id) {
          await this.people.updateUser(user.id, { fullName: r.fullName, email: r.email, status: r.status, homeUnitId: home.id }, m);
          changed = true;
        }
      }
      for (const x of r.roles) {
        const unit = units.get(x.unitCode ?? r.unitCode)!;
        if (await this.people.hasOverlappingAssignment(userId, unit.id, x.role, now, null, m)) continue;
        await this.people.insertRoleAssignment({ userId, unitId: unit.id, role: x.role, validFrom: now, validTo: null }, m);
        changed = true;
      }
      if (user) {
        if (changed) updated += 1;
        else unchanged += 1;
      }
      user = undefined;
    }
    const report: ImportReport = { rows: rows.length, created, updated, unchanged };
    if (created + updated > 0) {
      await this.audit.record(m, {
        action: 'user.imported',
        entityType: 'user',
        entityId: rows[0]!.username,
        ...('principal' in importer ? actorOf(importer.principal, units.get(rows[0]!.unitCode)!.path) : {}),
        details: { ...report, usernames: rows.slice(0, 200).map((r) => r.username) },
      });
    }
    return report;
  }

  async exportUnits(principal: Principal, q: ExportQuery): Promise<ExportFile> {
    const root = await this.exportRoot(principal, q.rootId, ['admin', 'supervisor', 'viewer']);
    const rows = (await this.units.listForExport(root.path)).map((u) => [u.code, u.name, u.kind, u.parentCode ?? '', u.sector ?? '', u.memberCount === null ? '' : String(u.memberCount)]);
    return this.file(`units-${root.code}`, q.format, UNIT_FILE_COLUMNS, rows);
  }

  async exportUsers(principal: Principal, q: ExportQuery): Promise<ExportFile> {
    const root = await this.exportRoot(principal, q.rootId, ['admin']);
    const users = await this.people.usersForExport(root.path);
    const rows: string[][] = [];
    const now = new Date();
    for (const u of users) {
      const roles = (await this.people.roleAssignmentsOfUser(u.id))
        .filter((r) => new Date(r.validFrom) <= now && (!r.validTo || new Date(r.validTo) > now))
        .map((r) => (r.unitId === u.homeUnitId ? r.role : `${r.role}@${r.unitCode}`));
      rows.push([u.username, u.fullName, u.email ?? '', u.homeUnitCode ?? '', u.status, roles.join(';')]);
    }
    return this.file(`users-${root.code}`, q.format, USER_FILE_COLUMNS, rows);
  }

  /** The subtree to export: the given root (which the caller must hold one of the roles over) or their widest one. */
  private async exportRoot(principal: Principal, rootId: string | undefined, roles: Array<'admin' | 'supervisor' | 'viewer'>): Promise<UnitRecord> {
    if (rootId) return this.access.assertRoleOver(principal, roles, rootId);
    const scopes = this.access.visibleUnitPathPrefixes(principal, roles).filter((s) => s.subtree);
    const widest = scopes.sort((a, b) => a.path.length - b.path.length)[0];
    const grant = widest && principal.roles.find((r) => r.unitPath === widest.path);
    if (!grant) throw AppError.forbidden();
    return (await this.units.findById(grant.unitId))!;
  }

  private async file(base: string, format: ImportFormat, header: readonly string[], rows: string[][]): Promise<ExportFile> {
    if (format === 'xlsx') {
      return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx('data', header, rows) };
    }
    return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(header, rows) };
  }
}

export function importInvalid(problems: ImportRowProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return new AppError('IMPORT_INVALID', { params: { count: new Set(sorted.map((p) => p.row)).size }, details: { rows: sorted } });
}
