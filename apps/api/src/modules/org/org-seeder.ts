import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role, UnitKind } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { DemoSeeder } from '../../seed/seed.service';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { UnitImportRow, UserImportRow } from './import-rows';
import { OrgImportService } from './org-import.service';

interface Fixture {
  asOf?: string;
  units: Array<{ code: string; name: string; kind: UnitKind; parent: string | null; sector: string | null; members: number | null }>;
  users: Array<{ username: string; fullName: string; unit: string; roles: Role[]; email?: string }>;
}

export const DEMO_FIXTURE_PATH = join(__dirname, '..', '..', '..', 'data', 'ninh-thuan-2019.json');

export function loadDemoFixture(path = DEMO_FIXTURE_PATH): Fixture {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

export function fixtureUnitRows(f: Fixture): UnitImportRow[] {
  return f.units.map((u, i) => ({ line: i + 2, code: u.code, name: u.name, kind: u.kind, parentCode: u.parent, sector: u.sector, memberCount: u.members }));
}

export function fixtureUserRows(f: Fixture): UserImportRow[] {
  return f.users.map((u, i) => ({
    line: i + 2,
    username: u.username,
    fullName: u.fullName,
    email: u.email ?? null,
    unitCode: u.unit,
    status: 'active',
    roles: u.roles.map((role) => ({ role, unitCode: null })),
  }));
}

/**
 * Demo hierarchy and people of ../data/ninh-thuan-2019.json, through the import code path (so the
 * same rules apply), keyed by code/username: a second run creates nothing. All demo accounts share
 * the configured demo password. The campaign part of the fixture belongs to the campaigns module.
 */
export class OrgDemoSeeder implements DemoSeeder {
  readonly name = 'org';

  constructor(
    private readonly dataSource: DataSource,
    private readonly files: OrgImportService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async seed({ demoPassword }: { demoPassword: string }): Promise<{ created: number }> {
    const fixture = loadDemoFixture();
    const passwordHash = await this.hasher.hash(demoPassword);
    return this.dataSource.transaction(async (m) => {
      // The demo tree and roles are those of 2019 (the fixture's asOf): reports as of 2022 find them.
      const effectiveAt = fixture.asOf ? new Date(fixture.asOf) : undefined;
      const units = await this.files.applyUnits({ system: true, passwordHash, effectiveAt }, fixtureUnitRows(fixture), m);
      const users = await this.files.applyUsers({ system: true, passwordHash, effectiveAt }, fixtureUserRows(fixture), m);
      const created = units.created + users.created;
      if (created > 0) await this.audit.record(m, { action: 'system.seeded', entityType: 'seed', entityId: 'org', details: { units, users } });
      return { created };
    });
  }
}
