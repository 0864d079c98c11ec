import { AuditLogEntity } from './audit-log.entity';
import { HistoryArchiveEntity } from './history-archive.entity';

export const AUDIT_ENTITIES = [AuditLogEntity, HistoryArchiveEntity];
