import { AUDIT_ENTITIES } from '../common/audit/audit.entities';
import { IdempotencyKeyEntity } from '../common/http/idempotency-key.entity';
import { AUTH_ENTITIES } from '../modules/auth/auth.entities';
import { ORG_ENTITIES } from '../modules/org/org.entities';
import { WORKFLOW_ENTITIES } from '../modules/workflow/workflow.entities';
import { CAMPAIGNS_ENTITIES } from '../modules/campaigns/campaigns.entities';
import { DOCUMENTS_ENTITIES } from '../modules/documents/documents.entities';
import { REPORTS_ENTITIES } from '../modules/reports/reports.entities';
import { NOTIFICATION_ENTITIES } from '../modules/notifications/notifications.entities';
import { WEBHOOK_ENTITIES } from '../modules/webhooks/webhooks.entities';
import { SAVED_FILTER_ENTITIES } from '../modules/saved-filters/saved-filters.entities';

/**
 * Every TypeORM entity, listed by module. A module adds its own `<module>.entities.ts` array here.
 */
export const ENTITIES = [...AUDIT_ENTITIES, IdempotencyKeyEntity, ...ORG_ENTITIES, ...AUTH_ENTITIES, ...WORKFLOW_ENTITIES, ...NOTIFICATION_ENTITIES, ...CAMPAIGNS_ENTITIES, ...DOCUMENTS_ENTITIES, ...REPORTS_ENTITIES, ...WEBHOOK_ENTITIES, ...SAVED_FILTER_ENTITIES];
