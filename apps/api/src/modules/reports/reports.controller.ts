import { Controller, Get, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type DocumentView,
  documentViewSchema,
  type ReportDraftView,
  reportDraftViewSchema,
  type ReportQuery,
  reportQuerySchema,
  type RollupBreakdownView,
  rollupBreakdownViewSchema,
  type RollupQuery,
  rollupQuerySchema,
  type RollupView,
  rollupViewSchema,
  type SaveReportDraftRequest,
  saveReportDraftSchema,
} from '@thidua/contracts';
import type { Response } from 'express';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { DOCX_MIME, PDF_MIME, sendFile } from '../documents/index';
import { ReportsService, XLSX_MIME } from './reports.service';
import { Returns, ReturnsFile } from '../../common/openapi/returns.decorator';

@ApiTags('reports')
@Controller('campaigns/:campaignId')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Returns(rollupViewSchema)
  @Get('units/:unitId/rollup')
  @Authenticated()
  rollup(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @Param('unitId', ParseUUIDPipe) uid: string, @ZodQuery(rollupQuerySchema) q: RollupQuery): Promise<RollupView> {
    return this.reports.rollup(p, cid, q.milestoneId, uid, q.asOf);
  }

  @Returns(rollupBreakdownViewSchema)
  @Get('units/:unitId/rollup/:key')
  @Authenticated()
  breakdown(
    @CurrentPrincipal() p: Principal,
    @Param('campaignId', ParseUUIDPipe) cid: string,
    @Param('unitId', ParseUUIDPipe) uid: string,
    @Param('key') key: string,
    @ZodQuery(rollupQuerySchema) q: RollupQuery,
  ): Promise<RollupBreakdownView> {
    return this.reports.breakdown(p, cid, q.milestoneId, uid, key, q.asOf);
  }

  @ReturnsFile(XLSX_MIME)
  @Get('units/:unitId/indicators.xlsx')
  @Authenticated()
  async xlsx(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @Param('unitId', ParseUUIDPipe) uid: string, @ZodQuery(rollupQuerySchema) q: RollupQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.indicatorsXlsx(p, cid, q.milestoneId, uid, q.asOf), XLSX_MIME);
  }

  @Returns(reportDraftViewSchema)
  @Get('report')
  @Authenticated()
  draft(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @ZodQuery(reportQuerySchema) q: ReportQuery): Promise<ReportDraftView> {
    return this.reports.draft(p, cid, q.milestoneId, q.unitId, q.asOf);
  }

  @Returns(reportDraftViewSchema)
  @Put('report')
  @Authenticated()
  save(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @ZodBody(saveReportDraftSchema) body: SaveReportDraftRequest): Promise<ReportDraftView> {
    return this.reports.saveDraft(p, cid, body);
  }

  /** The report becomes a document of the register: a BC draft, regenerated while it is a draft; sign it through /api/documents/:id/sign. */
  @Returns(documentViewSchema)
  @Post('report/document')
  @Authenticated()
  issue(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @ZodBody(reportQuerySchema) body: ReportQuery): Promise<DocumentView> {
    return this.reports.issueReport(p, cid, body.milestoneId, body.unitId);
  }

  @ReturnsFile(PDF_MIME)
  @Get('report.pdf')
  @Authenticated()
  async pdf(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @ZodQuery(reportQuerySchema) q: ReportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.reportPdf(p, cid, q.milestoneId, q.unitId, q.asOf), PDF_MIME);
  }

  @ReturnsFile(DOCX_MIME)
  @Get('report.docx')
  @Authenticated()
  async docx(@CurrentPrincipal() p: Principal, @Param('campaignId', ParseUUIDPipe) cid: string, @ZodQuery(reportQuerySchema) q: ReportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.reportDocx(p, cid, q.milestoneId, q.unitId, q.asOf), DOCX_MIME);
  }
}
