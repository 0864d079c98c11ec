import { AuditLogEntity } from './audit-log.entity';

export const AUDIT_ENTITIES = [AuditLogEntity];
