import { AppUserEntity } from './app-user.entity';
import { DelegationEntity } from './delegation.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UnitParentLinkEntity } from './unit-parent-link.entity';
import { UnitEntity } from './unit.entity';

export const ORG_ENTITIES = [UnitEntity, UnitParentLinkEntity, AppUserEntity, RoleAssignmentEntity, DelegationEntity];
