import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  type CreateDocumentRequest,
  createDocumentSchema,
  type CreateSigningCredentialRequest,
  createSigningCredentialSchema,
  type DocumentView,
  documentViewSchema,
  type IssuerProfileRequest,
  issuerProfileResponseSchema,
  issuerProfileSchema,
  type ListDocumentsQuery,
  listDocumentsQuerySchema,
  type PdfVerificationView,
  pdfVerificationViewSchema,
  type RegisterQuery,
  registerQuerySchema,
  type RegisterView,
  registerViewSchema,
  type SetNextNumberRequest,
  setNextNumberSchema,
  type SignDocumentRequest,
  signDocumentSchema,
  type SigningCredentialView,
  signingCredentialViewSchema,
  type SignPdfRequest,
  signPdfSchema,
  type UpdateDocumentRequest,
  updateDocumentSchema,
} from '@thidua/contracts';
import type { Response } from 'express';
import { Authenticated, CurrentPrincipal, Public } from '../../common/auth/access.decorators';
import { AppError } from '../../common/errors/app-error';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { DocumentsService } from './documents.service';
import { IdempotentUploadInterceptor } from '../../common/http/idempotency.interceptor';
import { z } from 'zod';
import { Returns, ReturnsFile } from '../../common/openapi/returns.decorator';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';
const MAX_VERIFY_BYTES = 30 * 1024 * 1024;

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

  @Returns(documentViewSchema)
  @Post()
  @Authenticated()
  create(@CurrentPrincipal() p: Principal, @ZodBody(createDocumentSchema) body: CreateDocumentRequest): Promise<DocumentView> {
    return this.documents.create(p, body);
  }

  /** Is this PDF an intact, digitally signed document of the register? Open to anyone holding the file. */
  @Returns(pdfVerificationViewSchema)
  @Post('verify')
  @Public()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_VERIFY_BYTES } }), IdempotentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOperation({ summary: 'Verify an uploaded PDF: signature valid, nothing changed after signing, and its signed bytes recorded at signing' })
  verify(@UploadedFile() file: { buffer: Buffer } | undefined): Promise<PdfVerificationView> {
    if (!file?.buffer?.length) throw new AppError('BAD_REQUEST', { details: { reason: 'file_required' } });
    return this.documents.verify(file.buffer);
  }

  @Returns(z.array(signingCredentialViewSchema))
  @Get('signing-credentials')
  @Authenticated()
  @ApiOperation({ summary: 'My signing certificates' })
  credentials(@CurrentPrincipal() p: Principal): Promise<SigningCredentialView[]> {
    return this.documents.listCredentials(p);
  }

  @Returns(signingCredentialViewSchema)
  @Post('signing-credentials')
  @Authenticated()
  @ApiOperation({ summary: 'Register my certificate: a PKCS#12 file (stored encrypted) or a key of the signing service' })
  addCredential(@CurrentPrincipal() p: Principal, @ZodBody(createSigningCredentialSchema) body: CreateSigningCredentialRequest): Promise<SigningCredentialView> {
    return this.documents.addCredential(p, body);
  }

  @Returns(signingCredentialViewSchema)
  @Delete('signing-credentials/:id')
  @Authenticated()
  revokeCredential(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SigningCredentialView> {
    return this.documents.revokeCredential(p, id);
  }

  @Returns(registerViewSchema)
  @Get('registers/:unitId')
  @Authenticated()
  @ApiOperation({ summary: 'The numbering register of an issuer for a year and series' })
  register(@CurrentPrincipal() p: Principal, @Param('unitId', ParseUUIDPipe) unitId: string, @ZodQuery(registerQuerySchema) q: RegisterQuery): Promise<RegisterView> {
    return this.documents.register(p, unitId, q.year, q.series);
  }

  @Returns(registerViewSchema)
  @Put('registers/:unitId')
  @Authenticated()
  @ApiOperation({ summary: 'Set the next number of a register (admin; audited; never at or below an issued number)' })
  setNextNumber(@CurrentPrincipal() p: Principal, @Param('unitId', ParseUUIDPipe) unitId: string, @ZodBody(setNextNumberSchema) body: SetNextNumberRequest): Promise<RegisterView> {
    return this.documents.setNextNumber(p, unitId, body);
  }

  @Returns(z.array(z.string()))
  @Get('recipients/:unitId')
  @Authenticated()
  @ApiOperation({ summary: 'Recipients offered for Nơi nhận of documents of this issuer' })
  recipients(@CurrentPrincipal() p: Principal, @Param('unitId', ParseUUIDPipe) unitId: string): Promise<string[]> {
    return this.documents.recipientOptions(p, unitId);
  }

  @Returns(z.array(documentViewSchema))
  @Get()
  @Authenticated()
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listDocumentsQuerySchema) q: ListDocumentsQuery): Promise<DocumentView[]> {
    return this.documents.list(p, q);
  }

  @Returns(documentViewSchema)
  @Get(':id')
  @Authenticated()
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return this.documents.get(p, id);
  }

  /** Signs the draft: allocates its number in the same transaction. */
  @Returns(documentViewSchema)
  @Post(':id/sign')
  @Authenticated()
  sign(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(signDocumentSchema) body: SignDocumentRequest): Promise<DocumentView> {
    return this.documents.sign(p, id, body);
  }

  @Returns(documentViewSchema)
  @Patch(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Change a draft (body, signer, Nơi nhận...)' })
  update(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(updateDocumentSchema) body: UpdateDocumentRequest): Promise<DocumentView> {
    return this.documents.update(p, id, body);
  }

  @Returns(documentViewSchema)
  @Post(':id/pdf-signature')
  @Authenticated()
  @ApiOperation({ summary: 'Digitally sign the PDF of a numbered document (PAdES) with my certificate' })
  signPdf(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(signPdfSchema) body: SignPdfRequest): Promise<DocumentView> {
    return this.documents.signPdf(p, id, body.credentialId);
  }

  @ReturnsFile(PDF_MIME)
  @Get(':id/pdf')
  @Authenticated()
  @ApiProduces(PDF_MIME)
  @ApiOperation({ summary: 'The PDF: the digitally signed file when there is one, else rendered now' })
  async pdf(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.documents.pdf(p, id), PDF_MIME);
  }

  @ReturnsFile(DOCX_MIME)
  @Get(':id/docx')
  @Authenticated()
  async docx(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    sendFile(res, await this.documents.docx(p, id), DOCX_MIME);
  }

  @Returns(issuerProfileResponseSchema)
  @Put('issuers/:unitId')
  @Authenticated()
  setIssuer(@CurrentPrincipal() p: Principal, @Param('unitId', ParseUUIDPipe) unitId: string, @ZodBody(issuerProfileSchema) body: IssuerProfileRequest): Promise<IssuerProfileRequest> {
    return this.documents.setIssuerProfile(p, unitId, body);
  }
}
