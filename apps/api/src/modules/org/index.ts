/** The public face of the org module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { OrgModule } from './org.module';
export { TreeService } from './tree.service';
// What the search box finds of units and people, within the caller's scope.
export { OrgSearch } from './org-search';
// SQL fragments (read views, id sub-selects) others compose into their own one statement; the table names stay here.
export { OrgSql } from './org-sql';
// What the runtime (and notifications) read of the tree and of role holders, by plain indexed SQL owned here.
export { OrgGateway, buildTreeView, type Holding, type UnitRow } from './org-gateway';
// Ports for the modules that sign users in and check callers (auth, webhooks): no repository or entity leaves org.
export { AccountStore, type Account } from './account-store';
export { PrincipalAccess, type DescribedPrincipal, type DescribedRole } from './principal-access';
export { ReorganisationService } from './reorganisation.service';
export { ReorganisationScheduler } from './reorganisation.scheduler';
export { OrgImportService } from './org-import.service';
export { OrgDemoSeeder } from './org-seeder';
export { USER_SESSIONS_PORT, UserSessionsRegistry, type UserSessionsPort } from './user-sessions.port';
export { OPEN_WORK_PORT, NO_OPEN_WORK_CHANGE, OpenWorkRegistry, type OpenWorkContext, type OpenWorkPort } from './open-work.port';
