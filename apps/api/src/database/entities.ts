import { AUDIT_ENTITIES } from '../common/audit/audit.entities';

/**
 * Every TypeORM entity, listed by module. A module adds its own `<module>.entities.ts` array here.
 */
export const ENTITIES = [...AUDIT_ENTITIES];
