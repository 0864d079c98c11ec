import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type NotificationListQuery,
  notificationListQuerySchema,
  type NotificationPage,
  notificationPageSchema,
  unreadCountSchema,
} from '@thidua/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodQuery } from '../../common/validation/zod-validation';
import { NotificationsService } from './notifications.service';
import { Returns } from '../../common/openapi/returns.decorator';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Returns(notificationPageSchema)
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(notificationListQuerySchema) q: NotificationListQuery): Promise<NotificationPage> {
    return this.notifications.list(p.userId, q);
  }

  @Returns(unreadCountSchema)
  @Get('unread-count')
  @Authenticated()
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  unread(@CurrentPrincipal() p: Principal): Promise<{ unread: number }> {
    return this.notifications.unreadCount(p.userId);
  }

  @Returns(unreadCountSchema)
  @Post('read-all')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Mark all my notifications read' })
  readAll(@CurrentPrincipal() p: Principal): Promise<{ unread: number }> {
    return this.notifications.markAllRead(p.userId);
  }

  @Returns(unreadCountSchema)
  @Post(':id/read')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Mark one of my notifications read (404 for anyone else’s)' })
  read(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<{ unread: number }> {
    return this.notifications.markRead(p.userId, id);
  }
}
