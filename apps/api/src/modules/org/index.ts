/** The public face of the org module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { OrgModule } from './org.module';
export { TreeService } from './tree.service';
// What the runtime (and notifications) read of the tree and of role holders, by plain indexed SQL owned here.
export { OrgGateway, buildTreeView, type Holding, type UnitRow } from './org-gateway';
export { AccessService } from './access.service';
export { PeopleRepository } from './people.repository';
export { AppUserEntity } from './app-user.entity';
export { ReorganisationService } from './reorganisation.service';
export { ReorganisationScheduler } from './reorganisation.scheduler';
export { OrgImportService } from './org-import.service';
export { OrgDemoSeeder } from './org-seeder';
export { USER_SESSIONS_PORT, UserSessionsRegistry, type UserSessionsPort } from './user-sessions.port';
export { OPEN_WORK_PORT, NO_OPEN_WORK_CHANGE, OpenWorkRegistry, type OpenWorkContext, type OpenWorkPort } from './open-work.port';
