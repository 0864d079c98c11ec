import {
  ROLES,
  UNIT_KINDS,
  UNIT_FILE_COLUMNS,
  USER_FILE_COLUMNS,
  USER_STATUSES,
  unitCodeSchema,
  usernameSchema,
  type ImportRowProblem,
  type Role,
  type UnitKind,
  type UserStatus,
} from '@thidua/contracts';
import { z } from 'zod';
import type { Table } from './tabular-file';

/** Pure checks of import files, row by row: everything that needs no database. */

export interface UnitImportRow {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  sector: string | null;
  memberCount: number | null;
}

export interface UserImportRow {
  line: number;
  username: string;
  fullName: string;
  email: string | null;
  unitCode: string;
  status: UserStatus;
  /** `unitCode` null = the user's own unit. */
  roles: Array<{ role: Role; unitCode: string | null }>;
}

export interface Checked<T> {
  rows: T[];
  problems: ImportRowProblem[];
}

function columnIndex(table: Table, columns: readonly string[], required: readonly string[]): { index: Record<string, number>; problems: ImportRowProblem[] } {
  const index: Record<string, number> = {};
  const problems: ImportRowProblem[] = [];
  for (const c of columns) index[c] = table.header.indexOf(c);
  for (const c of required) if (index[c]! < 0) problems.push({ row: 1, column: c, reason: 'missing_column' });
  return { index, problems };
}

const emailSchema = z.email();

export function checkUnitRows(table: Table): Checked<UnitImportRow> {
  const { index, problems } = columnIndex(table, UNIT_FILE_COLUMNS, ['code', 'name', 'kind', 'parent_code']);
  if (problems.length) return { rows: [], problems };
  const rows: UnitImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const get = (c: string) => (index[c]! >= 0 ? (cells[index[c]!] ?? '') : '');
    const bad = (column: string, reason: string) => problems.push({ row: line, column, reason });
    const before = problems.length;
    const code = get('code');
    if (!code) bad('code', 'required');
    else if (!unitCodeSchema.safeParse(code).success) bad('code', 'invalid_format');
    else if (seen.has(code)) bad('code', `duplicate_in_file (row ${seen.get(code)})`);
    const name = get('name');
    if (!name) bad('name', 'required');
    else if (name.length > 300) bad('name', 'too_big');
    const kind = get('kind');
    if (!kind) bad('kind', 'required');
    else if (!(UNIT_KINDS as readonly string[]).includes(kind)) bad('kind', `invalid_value (one of ${UNIT_KINDS.join(', ')})`);
    const parentCode = get('parent_code');
    if (!parentCode && kind !== 'confederation') bad('parent_code', 'required');
    if (parentCode && parentCode === code) bad('parent_code', 'self_parent');
    const mc = get('member_count');
    let memberCount: number | null = null;
    if (mc) {
      if (!/^\d{1,9}$/.test(mc)) bad('member_count', 'invalid_format (whole number)');
      else memberCount = Number(mc);
    }
    if (code && !seen.has(code)) seen.set(code, line);
    if (problems.length === before) {
      rows.push({ line, code, name, kind: kind as UnitKind, parentCode: parentCode || null, sector: get('sector') || null, memberCount });
    }
  }
  return { rows, problems };
}

export function parseRoleList(text: string): { roles: UserImportRow['roles']; bad: string[] } {
  const roles: UserImportRow['roles'] = [];
  const bad: string[] = [];
  for (const part of text.split(/[;|]/).map((s) => s.trim()).filter(Boolean)) {
    const [role, unitCode] = part.split('@').map((s) => s.trim());
    if (!role || !(ROLES as readonly string[]).includes(role) || (unitCode !== undefined && !unitCodeSchema.safeParse(unitCode).success)) bad.push(part);
    else roles.push({ role: role as Role, unitCode: unitCode ?? null });
  }
  return { roles, bad };
}

export function checkUserRows(table: Table): Checked<UserImportRow> {
  const { index, problems } = columnIndex(table, USER_FILE_COLUMNS, ['username', 'full_name', 'unit_code']);
  if (problems.length) return { rows: [], problems };
  const rows: UserImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const get = (c: string) => (index[c]! >= 0 ? (cells[index[c]!] ?? '') : '');
    const bad = (column: string, reason: string) => problems.push({ row: line, column, reason });
    const before = problems.length;
    const username = get('username').toLowerCase();
    if (!username) bad('username', 'required');
    else if (!usernameSchema.safeParse(username).success) bad('username', 'invalid_format');
    else if (seen.has(username)) bad('username', `duplicate_in_file (row ${seen.get(username)})`);
    const fullName = get('full_name');
    if (!fullName) bad('full_name', 'required');
    const email = get('email');
    if (email && !emailSchema.safeParse(email).success) bad('email', 'invalid_format');
    const unitCode = get('unit_code');
    if (!unitCode) bad('unit_code', 'required');
    const status = get('status') || 'active';
    if (!(USER_STATUSES as readonly string[]).includes(status)) bad('status', `invalid_value (one of ${USER_STATUSES.join(', ')})`);
    const parsed = parseRoleList(get('roles'));
    if (parsed.bad.length) bad('roles', `invalid_value (${parsed.bad.join(', ')})`);
    if (username && !seen.has(username)) seen.set(username, line);
    if (problems.length === before) {
      rows.push({ line, username, fullName, email: email || null, unitCode, status: status as UserStatus, roles: parsed.roles });
    }
  }
  return { rows, problems };
}
