import { Controller, Get, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createDocumentSchema,
  issuerProfileSchema,
  listDocumentsQuerySchema,
  signDocumentSchema,
  type CreateDocumentRequest,
  type DocumentView,
  type IssuerProfileRequest,
  type ListDocumentsQuery,
  type SignDocumentRequest,
} from '@thidua/contracts';
import type { Response } from 'express';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { DocumentsService } from './documents.service';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sends a generated file with a UTF-8 file name. */
export function sendFile(res: Response, file: { fileName: string; content: Buffer }, mime: string): void {
  res.setHeader('Content-Type', mime);
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.send(file.content);
}

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Authenticated()
  create(@CurrentPrincipal() p: Principal, @ZodBody(createDocumentSchema) body: CreateDocumentRequest): Promise<DocumentView> {
    return this.documents.create(p, body);
  }

  @Get()
  @Authenticated()
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listDocumentsQuerySchema) q: ListDocumentsQuery): Promise<DocumentView[]> {
    return this.documents.list(p, q);
  }

  @Get(':id')
  @Authenticated()
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return this.documents.get(p, id);
  }

  /** Signs the draft: allocates its number in the same transaction. */
  @Post(':id/sign')
  @Authenticated()
  sign(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(signDocumentSchema) body: SignDocumentRequest): Promise<DocumentView> {
    return this.documents.sign(p, id, body);
  }

  @Get(':id/docx')
  @Authenticated()
  async docx(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.documents.docx(p, id), DOCX_MIME);
  }

  @Put('issuers/:unitId')
  @Authenticated()
  setIssuer(@CurrentPrincipal() p: Principal, @Param('unitId', ParseUUIDPipe) unitId: string, @ZodBody(issuerProfileSchema) body: IssuerProfileRequest): Promise<IssuerProfileRequest> {
    return this.documents.setIssuerProfile(p, unitId, body);
  }
}
