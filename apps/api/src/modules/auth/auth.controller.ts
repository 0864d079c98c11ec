import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ChangePasswordRequest,
  changePasswordRequestSchema,
  type LoginRequest,
  loginRequestSchema,
  type LoginResponse,
  loginResponseSchema,
  type LogoutRequest,
  logoutRequestSchema,
  type MeResponse,
  meResponseSchema,
  type RefreshRequest,
  refreshRequestSchema,
  type TokenPair,
  tokenPairSchema,
} from '@thidua/contracts';
import type { Request, Response } from 'express';
import { Authenticated, CurrentPrincipal, Public } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody } from '../../common/validation/zod-validation';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppError } from '../../common/errors/app-error';
import { AuthService } from './auth.service';
import { clearSessionCookies, refreshTokenOf, setSessionCookies, wantsTokenInBody } from './session-cookies';
import { Returns, ReturnsNothing } from '../../common/openapi/returns.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sets the session cookies; the refresh token stays in the body only for clients that ask (X-Token-Transport: body). */
  private present<T extends TokenPair>(req: Request, res: Response, pair: T): T {
    if (pair.refreshToken) setSessionCookies(req, res, pair.refreshToken, this.config.auth.refreshTokenTtlDays);
    if (wantsTokenInBody(req)) return pair;
    const { refreshToken: _hidden, ...rest } = pair;
    return rest as T;
  }

  @Returns(loginResponseSchema)
  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in: access token + rotating refresh token. 401 INVALID_CREDENTIALS, 423 ACCOUNT_LOCKED, 429 TOO_MANY_ATTEMPTS' })
  @ApiOkResponse({ description: 'LoginResponse' })
  async login(@ZodBody(loginRequestSchema) body: LoginRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.present(req, res, await this.auth.login(body, req.ip ?? req.socket.remoteAddress ?? 'unknown'));
  }

  @Returns(tokenPairSchema)
  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Rotate the refresh token (cookie + X-CSRF-Token, or body); reusing a rotated token revokes its whole family. 403 CSRF_REJECTED' })
  @ApiOkResponse({ description: 'TokenPair' })
  async refresh(@ZodBody(refreshRequestSchema) body: RefreshRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenPair> {
    const token = refreshTokenOf(req, body.refreshToken);
    if (!token) throw AppError.validation([{ path: 'body.refreshToken', reason: 'required', message: 'no refresh token: neither the thidua_refresh cookie nor body.refreshToken' }]);
    return this.present(req, res, await this.auth.refresh(token));
  }

  @ReturnsNothing()
  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Revoke the refresh token (cookie + X-CSRF-Token, or body) and every token rotated from the same sign-in; access tokens stop working at once' })
  async logout(@ZodBody(logoutRequestSchema) body: LogoutRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = refreshTokenOf(req, body.refreshToken);
    clearSessionCookies(req, res);
    if (token) await this.auth.logout(token);
  }

  @Returns(meResponseSchema)
  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user with every role usable now (own and delegated)' })
  @ApiOkResponse({ description: 'MeResponse' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal.userId);
  }

  @ReturnsNothing()
  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change my password (current one required); ends my other sessions' })
  changePassword(@CurrentPrincipal() principal: Principal, @ZodBody(changePasswordRequestSchema) body: ChangePasswordRequest): Promise<void> {
    return this.auth.changePassword(principal, body);
  }
}
