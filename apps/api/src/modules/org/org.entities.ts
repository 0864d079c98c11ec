import { AppUserEntity } from './app-user.entity';
import { DelegationEntity } from './delegation.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { ScheduledReorganisationEntity } from './scheduled-reorganisation.entity';
import { UnitParentLinkEntity } from './unit-parent-link.entity';
import { UnitEntity } from './unit.entity';

export const ORG_ENTITIES = [UnitEntity, UnitParentLinkEntity, AppUserEntity, RoleAssignmentEntity, DelegationEntity, ScheduledReorganisationEntity];
