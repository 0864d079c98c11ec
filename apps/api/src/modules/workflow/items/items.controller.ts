import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AttachmentView,
  attachmentViewSchema,
  type BulkActionRequest,
  type BulkActionResult,
  bulkActionResultSchema,
  bulkActionSchema,
  type CascadeProgressView,
  cascadeProgressViewSchema,
  type CascadeWithdrawRequest,
  cascadeWithdrawSchema,
  type CreateItemRequest,
  createItemSchema,
  type ItemActionRequest,
  itemActionSchema,
  type ItemAllowedActionsView,
  itemAllowedActionsViewSchema,
  type ItemListQuery,
  itemListQuerySchema,
  type ItemListView,
  itemListViewSchema,
  type UpdateItemDataRequest,
  updateItemDataSchema,
  type WorkItemEventView,
  workItemEventViewSchema,
  type WorkItemView,
  workItemViewSchema,
} from '@thidua/contracts';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Authenticated, CurrentPrincipal } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../../common/validation/zod-validation';
import { IdempotentUploadInterceptor } from '../../../common/http/idempotency.interceptor';
import { CascadeService } from '../cascade/cascade.service';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor';
import { AttachmentsService, type UploadedFile as Upload } from './attachments.service';
import { BulkActionUseCase } from './bulk-action.use-case';
import { toEngineEvent } from './item-action';
import { ItemRuntime } from './item-runtime.service';
import { ItemsService } from './items.service';
import { z } from 'zod';
import { Returns, ReturnsFile } from '../../../common/openapi/returns.decorator';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly runtime: ItemRuntime,
    private readonly bulk: BulkActionUseCase,
    private readonly attachments: AttachmentsService,
    private readonly cascades: CascadeService,
  ) {}

  @Returns(workItemViewSchema)
  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Start a work item for a unit on the newest published version of a workflow' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(createItemSchema) body: CreateItemRequest): Promise<WorkItemView> {
    return this.items.create(p, body, { answersRequest: true });
  }

  @Returns(itemListViewSchema)
  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Items I may see (viewers: as far as the workflow’s viewerVisibility allows)' })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(itemListQuerySchema) q: ItemListQuery): Promise<ItemListView> {
    return this.items.list(p, q);
  }

  @Returns(bulkActionResultSchema)
  @Post('bulk-actions')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Approve/return/forward/acknowledge many items; each succeeds or fails on its own' })
  bulkAction(@CurrentPrincipal() p: Principal, @ZodBody(bulkActionSchema) body: BulkActionRequest): Promise<BulkActionResult> {
    return this.bulk.run(p, body);
  }

  @Returns(workItemViewSchema)
  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One item (404 outside my scope)' })
  get(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<WorkItemView> {
    return this.items.get(p, id);
  }

  @Returns(z.array(workItemEventViewSchema))
  @Get(':id/history')
  @Authenticated()
  @ApiOperation({ summary: 'Every event of the item, oldest first, with who, on behalf of whom, stages, comment and changed data' })
  history(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<WorkItemEventView[]> {
    return this.items.history(p, id);
  }

  @Returns(workItemViewSchema)
  @Post(':id/actions')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Act on an item (submit, approve, return, claim, handover, suspend, skip, …). 409 ITEM_CHANGED carries the item as it now is when someone else acted first' })
  act(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(itemActionSchema) body: ItemActionRequest): Promise<WorkItemView> {
    return this.runtime.act({ kind: 'user', principal: p }, id, toEngineEvent(body), {
      expectedVersion: body.expectedVersion,
      dataPatch: body.data,
      answersRequest: true,
      retryOnConflict: body.action === 'claim' ? 3 : 0,
    });
  }

  @Returns(itemAllowedActionsViewSchema)
  @Get(':id/allowed-actions')
  @Authenticated()
  @ApiOperation({ summary: 'The actions the engine allows the signed-in user on this item now (workflow-core decides; nothing is saved)' })
  allowedActions(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ItemAllowedActionsView> {
    return this.items.allowedActions(p, id);
  }

  @Returns(workItemViewSchema)
  @Patch(':id/data')
  @Authenticated()
  @ApiOperation({ summary: 'Save form data without moving the item (a draft; after submission an amendment while the collection is open)' })
  updateData(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(updateItemDataSchema) body: UpdateItemDataRequest): Promise<WorkItemView> {
    return this.items.updateData(p, id, body.data, { expectedVersion: body.expectedVersion });
  }

  @Returns(attachmentViewSchema)
  @Post(':id/attachments')
  @Authenticated()
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(AttachmentUploadInterceptor, IdempotentUploadInterceptor)
  @ApiOperation({ summary: 'Attach a file (multipart field "file"); size and type limited; sha256 kept' })
  upload(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @UploadedFile() file?: Upload): Promise<AttachmentView> {
    return this.attachments.upload(p, id, file);
  }

  @Returns(z.array(attachmentViewSchema))
  @Get(':id/attachments')
  @Authenticated()
  @ApiOperation({ summary: 'Attachments of an item' })
  listAttachments(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<AttachmentView[]> {
    return this.attachments.list(p, id);
  }

  @ReturnsFile('application/octet-stream')
  @Get(':id/attachments/:attachmentId')
  @Authenticated()
  @ApiOperation({ summary: 'Download an attachment' })
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { meta, body } = await this.attachments.content(p, id, attachmentId);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`);
    // Also set by helmet globally; repeated here so a download is never sniffed, whatever serves it.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Content-SHA256', meta.sha256);
    res.setHeader('Content-Length', String(meta.sizeBytes));
    await pipeline(body, res);
  }

  @Returns(cascadeProgressViewSchema.nullable())
  @Get(':id/cascade')
  @Authenticated()
  @ApiOperation({ summary: 'Progress of a fan-out: units reached of total, submitted, settled' })
  cascade(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<CascadeProgressView | null> {
    return this.cascades.progress(p, id);
  }

  @Returns(workItemViewSchema)
  @Post(':id/cascade/withdraw')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Withdraw the cascade from one subtree: its open children are cancelled (one history row each)' })
  withdraw(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(cascadeWithdrawSchema) body: CascadeWithdrawRequest): Promise<WorkItemView> {
    return this.cascades.withdraw(p, id, body.unitId, body.reason);
  }
}
