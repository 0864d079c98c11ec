import { Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateDelegationRequest,
  createDelegationRequestSchema,
  type CreateRoleAssignmentRequest,
  createRoleAssignmentRequestSchema,
  type CreateUserRequest,
  createUserRequestSchema,
  type CreateUserResponse,
  createUserResponseSchema,
  type DelegationView,
  delegationViewPageSchema,
  delegationViewSchema,
  type EndRoleAssignmentRequest,
  endRoleAssignmentRequestSchema,
  type ListDelegationsQuery,
  listDelegationsQuerySchema,
  type ListUsersQuery,
  listUsersQuerySchema,
  type Page,
  type PasswordResetResponse,
  passwordResetResponseSchema,
  type RoleAssignmentRecord,
  roleAssignmentRecordSchema,
  type UpdateUserRequest,
  updateUserRequestSchema,
  type UserView,
  userViewPageSchema,
  userViewSchema,
} from '@thidua/contracts';
import { Authenticated, CurrentPrincipal, RequireRoles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { UsersService } from './users.service';
import { z } from 'zod';
import { Returns } from '../../common/openapi/returns.decorator';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Returns(userViewPageSchema)
  @Get()
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Users whose home unit is in a subtree I administer; filters status, unitId, q; keyset by username' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listUsersQuerySchema) q: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(p, q);
  }

  @Returns(createUserResponseSchema)
  @Post()
  @RequireRoles(['admin'], { unitParam: 'homeUnitId' })
  @ApiOperation({ summary: 'Create a user in a unit I administer (password generated and returned once when not given)' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(createUserRequestSchema) body: CreateUserRequest): Promise<CreateUserResponse> {
    return this.users.create(p, body);
  }

  @Returns(userViewSchema)
  @Get(':id')
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'One user I administer; 404 otherwise' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<UserView> {
    return this.users.get(p, id);
  }

  @Returns(userViewSchema)
  @Patch(':id')
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Update name, e-mail, status (disabling ends the sessions)' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(updateUserRequestSchema) body: UpdateUserRequest): Promise<UserView> {
    return this.users.update(p, id, body);
  }

  @Returns(passwordResetResponseSchema)
  @Post(':id/password-reset')
  @HttpCode(200)
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Reset the password to a generated one (returned once); unlocks and signs out everywhere' })
  resetPassword(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<PasswordResetResponse> {
    return this.users.resetPassword(p, id);
  }

  @Returns(z.array(roleAssignmentRecordSchema))
  @Get(':id/roles')
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'Role assignments of a user, past and current' })
  roles(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<RoleAssignmentRecord[]> {
    return this.users.roles(p, id);
  }

  @Returns(roleAssignmentRecordSchema)
  @Post(':id/roles')
  @RequireRoles(['admin'], { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Assign a role at a unit for a period (effective-dated)' })
  assignRole(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @ZodBody(createRoleAssignmentRequestSchema) body: CreateRoleAssignmentRequest,
  ): Promise<RoleAssignmentRecord> {
    return this.users.assignRole(p, id, body);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('role-assignments')
export class RoleAssignmentsController {
  constructor(private readonly users: UsersService) {}

  @Returns(roleAssignmentRecordSchema)
  @Post(':id/end')
  @HttpCode(200)
  @RequireRoles(['admin'])
  @ApiOperation({ summary: 'End a role assignment (now or at validTo); history is kept' })
  end(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(endRoleAssignmentRequestSchema) body: EndRoleAssignmentRequest): Promise<RoleAssignmentRecord> {
    return this.users.endRole(p, id, body);
  }
}

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly users: UsersService) {}

  @Returns(delegationViewPageSchema)
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Delegations from or to me (or, for admins, a user they administer)' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listDelegationsQuerySchema) q: ListDelegationsQuery): Promise<Page<DelegationView>> {
    return this.users.listDelegations(p, q);
  }

  @Returns(delegationViewSchema)
  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Hand my roles (all, or for given workflows) to another user for a period' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(createDelegationRequestSchema) body: CreateDelegationRequest): Promise<DelegationView> {
    return this.users.createDelegation(p, body);
  }

  @Returns(delegationViewSchema)
  @Post(':id/revoke')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke a delegation (delegator, delegate, or their admin)' })
  revoke(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DelegationView> {
    return this.users.revokeDelegation(p, id);
  }
}
