import { OrgSearch } from './org-search';
import { Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { SeedService } from '../../seed/seed.service';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { AccessService } from './access.service';
import { AccountStore } from './account-store';
import { PrincipalAccess } from './principal-access';
import { OPEN_WORK_PORT, OpenWorkRegistry } from './open-work.port';
import { USER_SESSIONS_PORT, UserSessionsRegistry } from './user-sessions.port';
import { OrgFilesController } from './org-files.controller';
import { OrgImportService } from './org-import.service';
import { OrgDemoSeeder } from './org-seeder';
import { PeopleRepository } from './people.repository';
import { ReorganisationRepository } from './reorganisation.repository';
import { ReorganisationScheduler } from './reorganisation.scheduler';
import { ReorganisationService } from './reorganisation.service';
import { TreeService } from './tree.service';
import { UnitRepository } from './unit.repository';
import { ReorganisationsController, UnitsController } from './units.controller';
import { UnitsService } from './units.service';
import { DelegationsController, RoleAssignmentsController, UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * The union tree, people, roles and delegations. Public API for other modules: TreeService,
 * AccountStore and PrincipalAccess (auth's and webhooks' ports), OPEN_WORK_PORT, USER_SESSIONS_PORT (see README.md
 * here and index.ts).
 */
@Module({
  // OrgFilesController first: its static routes (/units/export) must win over /units/:id.
  controllers: [OrgFilesController, ReorganisationsController, UnitsController, UsersController, RoleAssignmentsController, DelegationsController],
  providers: [
    OrgSearch,
    UnitRepository,
    PeopleRepository,
    TreeService,
    AccessService,
    AccountStore,
    PrincipalAccess,
    PasswordHasher,
    UnitsService,
    UsersService,
    ReorganisationService,
    ReorganisationRepository,
    ReorganisationScheduler,
    OrgImportService,
    { provide: OPEN_WORK_PORT, useClass: OpenWorkRegistry },
    { provide: USER_SESSIONS_PORT, useClass: UserSessionsRegistry },
  ],
  exports: [OrgSearch, TreeService, AccountStore, PrincipalAccess, PasswordHasher, OPEN_WORK_PORT, USER_SESSIONS_PORT, ReorganisationScheduler],
})
export class OrgModule implements OnModuleInit {
  constructor(
    private readonly seeds: SeedService,
    private readonly dataSource: DataSource,
    private readonly files: OrgImportService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.seeds.register(new OrgDemoSeeder(this.dataSource, this.files, this.hasher, this.audit));
  }
}
