import { Foundation1764216000000 } from './1764216000000-foundation';
import { OrgAuth1764300000000 } from './1764300000000-org-auth';
import { WorkflowRuntime1795752742107 } from './1795752742107-workflow-runtime';
import { UnitSearchText1795754574736 } from './1795754574736-unit-search-text';
import { CampaignsDocuments1795760000000 } from './1795760000000-campaigns-documents';
import { CampaignsRuntime1795760100000 } from './1795760100000-campaigns-runtime';
import { NominationItem1795760200000 } from './1795760200000-nomination-item';
import { SecurityHardening1795770000000 } from './1795770000000-security-hardening';

/** Migrations in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [Foundation1764216000000, OrgAuth1764300000000, WorkflowRuntime1795752742107, UnitSearchText1795754574736, CampaignsDocuments1795760000000, CampaignsRuntime1795760100000, NominationItem1795760200000, SecurityHardening1795770000000];
