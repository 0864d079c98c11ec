import { Foundation1764216000000 } from './1764216000000-foundation';
import { OrgAuth1764300000000 } from './1764300000000-org-auth';
import { WorkflowRuntime1795752742107 } from './1795752742107-workflow-runtime';
import { UnitSearchText1795754574736 } from './1795754574736-unit-search-text';
import { CampaignsDocuments1795760000000 } from './1795760000000-campaigns-documents';
import { CampaignsRuntime1795760100000 } from './1795760100000-campaigns-runtime';
import { NominationItem1795760200000 } from './1795760200000-nomination-item';
import { NominationsOnItems1795760350000 } from './1795760350000-nominations-on-items';
import { InspectionsOnItems1795760360000 } from './1795760360000-inspections-on-items';
import { SecurityHardening1795770000000 } from './1795770000000-security-hardening';
import { ScheduledReorganisation1796163151009 } from './1796163151009-scheduled-reorganisation';
import { DocumentSigning1796163541928 } from './1796163541928-document-signing';
import { InboxAtScale1796163642433 } from './1796163642433-inbox-at-scale';
import { OutboxCompletion1796164176490 } from './1796164176490-outbox-completion';
import { CommendationDossier1796174036857 } from './1796174036857-commendation-dossier';
import { SharedIdempotency1796174043957 } from './1796174043957-shared-idempotency';
import { OfferExclusions1796174237683 } from './1796174237683-offer-exclusions';
import { StorageKeys1796177256330 } from './1796177256330-storage-keys';
import { Webhooks1796178373569 } from './1796178373569-webhooks';
import { HeldVisibility1796181000000 } from './1796181000000-held-visibility';
import { HistoryPartitions1796190000000 } from './1796190000000-history-partitions';
import { PrincipalVersions1796191325095 } from './1796191325095-principal-versions';
import { UnitChair1796195000000 } from './1796195000000-unit-chair';
import { WorkAllocation1796195100000 } from './1796195100000-work-allocation';
import { ItemComments1796200000000 } from './1796200000000-item-comments';
import { InboxFirstPage1796260000000 } from './1796260000000-inbox-first-page';

/** Migrations in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [Foundation1764216000000, OrgAuth1764300000000, WorkflowRuntime1795752742107, UnitSearchText1795754574736, CampaignsDocuments1795760000000, CampaignsRuntime1795760100000, NominationItem1795760200000, NominationsOnItems1795760350000, InspectionsOnItems1795760360000, SecurityHardening1795770000000, ScheduledReorganisation1796163151009, DocumentSigning1796163541928, InboxAtScale1796163642433, OutboxCompletion1796164176490, CommendationDossier1796174036857, SharedIdempotency1796174043957, OfferExclusions1796174237683, StorageKeys1796177256330, Webhooks1796178373569, HeldVisibility1796181000000, HistoryPartitions1796190000000, PrincipalVersions1796191325095, UnitChair1796195000000, WorkAllocation1796195100000, ItemComments1796200000000, InboxFirstPage1796260000000];
