import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreateWebhookInput,
  createWebhookSchema,
  type UpdateWebhookInput,
  updateWebhookSchema,
  type WebhookDeliveryQuery,
  webhookDeliveryQuerySchema,
  type WebhookDeliveryView,
  webhookDeliveryViewSchema,
  type WebhookView,
  webhookViewSchema,
  type WebhookWithSecret,
  webhookWithSecretSchema,
} from '@thidua/contracts';
import { CurrentPrincipal, RequireRoles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { WebhooksService } from './webhooks.service';
import { z } from 'zod';
import { Returns, ReturnsNothing } from '../../common/openapi/returns.decorator';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@RequireRoles(['admin'])
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Returns(z.array(webhookViewSchema))
  @Get()
  @ApiOperation({ summary: 'Webhook subscriptions of the units I administer' })
  list(@CurrentPrincipal() p: Principal): Promise<WebhookView[]> {
    return this.webhooks.list(p);
  }

  @Returns(webhookWithSecretSchema)
  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to events (the answer carries the signing secret, once)' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(createWebhookSchema) body: CreateWebhookInput): Promise<WebhookWithSecret> {
    return this.webhooks.create(p, body);
  }

  @Returns(webhookViewSchema)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a subscription (URL, events, unit, active)' })
  update(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(updateWebhookSchema) body: UpdateWebhookInput): Promise<WebhookView> {
    return this.webhooks.update(p, id, body);
  }

  @ReturnsNothing()
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a subscription and its delivery log' })
  remove(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.webhooks.remove(p, id);
  }

  @Returns(webhookWithSecretSchema)
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the signing secret (the answer carries the new one, once)' })
  rotate(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<WebhookWithSecret> {
    return this.webhooks.rotateSecret(p, id);
  }

  @Returns(z.array(webhookDeliveryViewSchema))
  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log of a subscription, newest first, with every attempt' })
  deliveries(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodQuery(webhookDeliveryQuerySchema) q: WebhookDeliveryQuery): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveryLog(p, id, q);
  }

  @Returns(webhookDeliveryViewSchema)
  @Post('deliveries/:deliveryId/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again (same webhook-id, a fresh retry budget)' })
  resend(@CurrentPrincipal() p: Principal, @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string): Promise<WebhookDeliveryView> {
    return this.webhooks.resend(p, deliveryId);
  }
}
