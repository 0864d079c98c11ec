import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  type ChangePasswordRequest,
  type LoginRequest,
  type LoginResponse,
  type LogoutRequest,
  type MeResponse,
  type RefreshRequest,
  type TokenPair,
} from '@thidua/contracts';
import type { Request } from 'express';
import { Authenticated, CurrentPrincipal, Public } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody } from '../../common/validation/zod-validation';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in: access token + rotating refresh token. 401 INVALID_CREDENTIALS, 423 ACCOUNT_LOCKED, 429 TOO_MANY_ATTEMPTS' })
  @ApiOkResponse({ description: 'LoginResponse' })
  login(@ZodBody(loginRequestSchema) body: LoginRequest, @Req() req: Request): Promise<LoginResponse> {
    return this.auth.login(body, req.ip ?? req.socket.remoteAddress ?? 'unknown');
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Rotate the refresh token; reusing a rotated token revokes its whole family' })
  @ApiOkResponse({ description: 'TokenPair' })
  refresh(@ZodBody(refreshRequestSchema) body: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Revoke the refresh token and every token rotated from the same sign-in' })
  logout(@ZodBody(logoutRequestSchema) body: LogoutRequest): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user with every role usable now (own and delegated)' })
  @ApiOkResponse({ description: 'MeResponse' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal.userId);
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change my password (current one required); ends my other sessions' })
  changePassword(@CurrentPrincipal() principal: Principal, @ZodBody(changePasswordRequestSchema) body: ChangePasswordRequest): Promise<void> {
    return this.auth.changePassword(principal, body);
  }
}
