import { Controller, Get, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, type ApiBodyOptions, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type ExportQuery, exportQuerySchema, type ImportReport, importReportSchema } from '@thidua/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, RequireRoles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { ZodQuery } from '../../common/validation/zod-validation';
import { OrgImportService, type ExportFile } from './org-import.service';
import { formatOf } from './tabular-file';
import { IdempotentUploadInterceptor } from '../../common/http/idempotency.interceptor';
import { Returns, ReturnsFile } from '../../common/openapi/returns.decorator';

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const importQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).optional() });
const fileBody: ApiBodyOptions = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } };

interface UploadedImport {
  originalname: string;
  buffer: Buffer;
  size: number;
}

function requireFile(file: UploadedImport | undefined, explicit?: string): { buffer: Buffer; format: 'csv' | 'xlsx' } {
  if (!file) throw AppError.validation([{ path: 'file', reason: 'required', message: 'a file is required' }]);
  const format = formatOf(file.originalname, explicit);
  if (!format) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  return { buffer: file.buffer, format };
}

function send(res: Response, f: ExportFile): StreamableFile {
  res.setHeader('Content-Type', f.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${f.filename}"`);
  return new StreamableFile(f.body);
}

/**
 * Import / export of units and users. Registered before UnitsController and UsersController so
 * `/units/export` is not taken for `/units/:id`.
 */
@ApiTags('import-export')
@ApiBearerAuth()
@Controller()
export class OrgFilesController {
  constructor(private readonly files: OrgImportService) {}

  @Returns(importReportSchema)
  @Post('units/import')
  @RequireRoles(['admin'])
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES } }), IdempotentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  @ApiOperation({ summary: 'Import units (CSV/XLSX; columns code,name,kind,parent_code,sector,member_count). 422 IMPORT_INVALID lists every bad row; nothing is imported then' })
  importUnits(@CurrentPrincipal() p: Principal, @UploadedFile() file: UploadedImport | undefined, @ZodQuery(importQuerySchema) q: { format?: string }): Promise<ImportReport> {
    const f = requireFile(file, q.format);
    return this.files.importUnitsFile(p, f.buffer, f.format);
  }

  @ReturnsFile('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get('units/export')
  @RequireRoles(['admin', 'supervisor', 'viewer'])
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Export the active units of a subtree I see, in the import format' })
  async exportUnits(@CurrentPrincipal() p: Principal, @ZodQuery(exportQuerySchema) q: ExportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return send(res, await this.files.exportUnits(p, q));
  }

  @Returns(importReportSchema)
  @Post('users/import')
  @RequireRoles(['admin'])
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES } }), IdempotentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  @ApiOperation({ summary: 'Import users (CSV/XLSX; columns username,full_name,email,unit_code,status,roles). New accounts get no password until an admin resets it' })
  importUsers(@CurrentPrincipal() p: Principal, @UploadedFile() file: UploadedImport | undefined, @ZodQuery(importQuerySchema) q: { format?: string }): Promise<ImportReport> {
    const f = requireFile(file, q.format);
    return this.files.importUsersFile(p, f.buffer, f.format);
  }

  @ReturnsFile('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get('users/export')
  @RequireRoles(['admin'])
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Export the users of a subtree I administer, in the import format' })
  async exportUsers(@CurrentPrincipal() p: Principal, @ZodQuery(exportQuerySchema) q: ExportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return send(res, await this.files.exportUsers(p, q));
  }
}
