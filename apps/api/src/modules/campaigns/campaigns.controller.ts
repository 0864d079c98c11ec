import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AwardCatalogueQuery,
  awardCatalogueQuerySchema,
  type AwardFormView,
  awardFormViewSchema,
  type BallotView,
  ballotViewSchema,
  type CampaignCascadeView,
  campaignCascadeViewSchema,
  type CampaignView,
  campaignViewSchema,
  type CancelCampaignRequest,
  cancelCampaignSchema,
  cancelledCampaignSchema,
  cascadeReconciliationSchema,
  type CastVoteRequest,
  castVoteSchema,
  type CloseBallotsRequest,
  closeBallotsSchema,
  collectionOpenedSchema,
  type CreateCampaignRequest,
  createCampaignSchema,
  type CreateNominationRequest,
  createNominationSchema,
  type DossierView,
  dossierViewSchema,
  type ExemplaryModelView,
  exemplaryModelViewSchema,
  type IndicatorSubmissionView,
  indicatorSubmissionViewSchema,
  type InspectionView,
  inspectionViewSchema,
  type IssueDecisionRequest,
  type IssueDecisionResult,
  issueDecisionResultSchema,
  issueDecisionSchema,
  type ListBallotsQuery,
  listBallotsQuerySchema,
  type ListCampaignsQuery,
  listCampaignsQuerySchema,
  type NominationActionRequest,
  nominationActionSchema,
  type NominationView,
  nominationViewSchema,
  type QuotaView,
  quotaViewSchema,
  type RecordFindingsRequest,
  recordFindingsSchema,
  type RegisterModelRequest,
  registerModelSchema,
  type ReturnPlanRequest,
  returnPlanSchema,
  type ReviewSubmissionRequest,
  reviewSubmissionSchema,
  type SaveDossierRequest,
  saveDossierSchema,
  type ScheduleInspectionRequest,
  scheduleInspectionSchema,
  type SetPostingRequest,
  setPostingSchema,
  type SetQuotaRequest,
  setQuotaSchema,
  type SignDossierDocumentRequest,
  signDossierDocumentSchema,
  type SubmitCorrectiveActionRequest,
  submitCorrectiveActionSchema,
  type SubmitIndicatorValuesRequest,
  submitIndicatorValuesSchema,
  type VerifyCorrectiveActionRequest,
  verifyCorrectiveActionSchema,
} from '@thidua/contracts';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ZodBody, ZodQuery } from '../../common/validation/zod-validation';
import { CampaignsService } from './campaigns.service';
import { CommendationsService } from './commendations.service';
import { EvaluationsService } from './evaluations.service';
import { InspectionsService } from './inspections.service';
import { Returns } from '../../common/openapi/returns.decorator';

const submitPlanSchema = z.object({
  body: z.array(z.string().max(20000)).max(2000).default([]),
  signerName: z.string().trim().min(1).max(200),
  signerTitle: z.string().trim().max(200).optional(),
  recipients: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
});
const approveLaunchSchema = z.object({ signedOn: z.iso.date().optional() });
const unitQuerySchema = z.object({ unitId: z.uuid().optional() });
const nominationListQuerySchema = z.object({ atUnitId: z.uuid().optional(), status: z.string().max(30).optional() });
const submissionListQuerySchema = z.object({ unitId: z.uuid() });

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly evaluations: EvaluationsService,
    private readonly commendations: CommendationsService,
    private readonly inspections: InspectionsService,
  ) {}

  @Returns(z.array(awardFormViewSchema))
  @Get('award-forms')
  @Authenticated()
  awardForms(@ZodQuery(awardCatalogueQuerySchema) q: AwardCatalogueQuery): AwardFormView[] {
    return this.campaigns.catalogue(q.on);
  }

  /** Ballots the caller may read: eligible voter, council secretary, supervisor of the council's unit (declared before `:id`). */
  @Returns(z.array(ballotViewSchema))
  @Get('ballots')
  @Authenticated()
  ballots(@CurrentPrincipal() p: Principal, @ZodQuery(listBallotsQuerySchema) q: ListBallotsQuery): Promise<BallotView[]> {
    return this.commendations.listBallots(p, q);
  }

  @Returns(campaignViewSchema)
  @Post()
  @Authenticated()
  create(@CurrentPrincipal() p: Principal, @ZodBody(createCampaignSchema) body: CreateCampaignRequest): Promise<CampaignView> {
    return this.campaigns.create(p, body);
  }

  @Returns(z.array(campaignViewSchema))
  @Get()
  @Authenticated()
  list(@CurrentPrincipal() p: Principal, @ZodQuery(listCampaignsQuerySchema) q: ListCampaignsQuery): Promise<CampaignView[]> {
    return this.campaigns.list(p, q);
  }

  @Returns(campaignViewSchema)
  @Get(':id')
  @Authenticated()
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignView> {
    return this.campaigns.get(p, id);
  }

  @Returns(campaignViewSchema)
  @Post(':id/plan')
  @Authenticated()
  submitPlan(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(submitPlanSchema) body: z.infer<typeof submitPlanSchema>): Promise<CampaignView> {
    return this.campaigns.submitPlan(p, id, body);
  }

  @Returns(campaignViewSchema)
  @Post(':id/launch')
  @HttpCode(200)
  @Authenticated()
  approveLaunch(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(approveLaunchSchema) body: z.infer<typeof approveLaunchSchema>): Promise<CampaignView> {
    return this.campaigns.approveLaunch(p, id, body);
  }

  @Returns(campaignViewSchema)
  @Post(':id/plan/return')
  @HttpCode(200)
  @Authenticated()
  returnPlan(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(returnPlanSchema) body: ReturnPlanRequest): Promise<CampaignView> {
    return this.campaigns.returnPlan(p, id, body);
  }

  @Returns(cancelledCampaignSchema)
  @Post(':id/cancel')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Cancel the whole campaign: every open item below is cancelled, one history row each' })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(cancelCampaignSchema) body: CancelCampaignRequest): Promise<CampaignView & { cancelledItems: number }> {
    return this.campaigns.cancel(p, id, body);
  }

  @Returns(campaignCascadeViewSchema)
  @Get(':id/cascade')
  @Authenticated()
  cascade(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignCascadeView> {
    return this.campaigns.cascade(p, id);
  }

  @Returns(cascadeReconciliationSchema)
  @Post(':id/cascade/reconcile')
  @HttpCode(200)
  @Authenticated()
  reconcileCascade(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<Record<string, number>> {
    return this.campaigns.reconcileCascade(p, id);
  }

  @Returns(exemplaryModelViewSchema)
  @Post(':id/models')
  @Authenticated()
  registerModel(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(registerModelSchema) body: RegisterModelRequest): Promise<ExemplaryModelView> {
    return this.campaigns.registerModel(p, id, body);
  }

  @Returns(z.array(exemplaryModelViewSchema))
  @Get(':id/models')
  @Authenticated()
  models(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodQuery(unitQuerySchema) q: z.infer<typeof unitQuerySchema>): Promise<ExemplaryModelView[]> {
    return this.campaigns.models(p, id, q.unitId);
  }

  @Returns(quotaViewSchema)
  @Put(':id/quotas')
  @Authenticated()
  setQuota(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(setQuotaSchema) body: SetQuotaRequest): Promise<QuotaView> {
    return this.campaigns.setQuota(p, id, body);
  }

  @Returns(z.array(quotaViewSchema))
  @Get(':id/quotas')
  @Authenticated()
  quotas(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<QuotaView[]> {
    return this.campaigns.quotas(p, id);
  }

  // evaluations
  /** Opens the milestone's collection: an evaluation work item per grassroots union of the launching subtree. */
  @Returns(collectionOpenedSchema)
  @Post(':id/milestones/:milestoneId/open')
  @HttpCode(200)
  @Authenticated()
  openCollection(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
  ): Promise<{ workflow: string; created: number }> {
    return this.evaluations.openCollection(p, id, milestoneId);
  }

  @Returns(indicatorSubmissionViewSchema)
  @Post(':id/milestones/:milestoneId/submissions')
  @Authenticated()
  submitValues(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @ZodBody(submitIndicatorValuesSchema) body: SubmitIndicatorValuesRequest,
  ): Promise<IndicatorSubmissionView> {
    return this.evaluations.submit(p, id, milestoneId, body);
  }

  @Returns(z.array(indicatorSubmissionViewSchema))
  @Get(':id/milestones/:milestoneId/submissions')
  @Authenticated()
  submissions(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @ZodQuery(submissionListQuerySchema) q: z.infer<typeof submissionListQuerySchema>,
  ): Promise<IndicatorSubmissionView[]> {
    return this.evaluations.list(p, id, milestoneId, q.unitId);
  }

  @Returns(indicatorSubmissionViewSchema)
  @Post('submissions/:submissionId/review')
  @HttpCode(200)
  @Authenticated()
  review(@CurrentPrincipal() p: Principal, @Param('submissionId', ParseUUIDPipe) sid: string, @ZodBody(reviewSubmissionSchema) body: ReviewSubmissionRequest): Promise<IndicatorSubmissionView> {
    return this.evaluations.review(p, sid, body);
  }

  // commendations
  @Returns(nominationViewSchema)
  @Post(':id/nominations')
  @Authenticated()
  nominate(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(createNominationSchema) body: CreateNominationRequest): Promise<NominationView> {
    return this.commendations.nominate(p, id, body);
  }

  @Returns(z.array(nominationViewSchema))
  @Get(':id/nominations')
  @Authenticated()
  nominations(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodQuery(nominationListQuerySchema) q: z.infer<typeof nominationListQuerySchema>): Promise<NominationView[]> {
    return this.commendations.list(p, id, q);
  }

  @Returns(nominationViewSchema)
  @Post('nominations/:nominationId/actions')
  @HttpCode(200)
  @Authenticated()
  nominationAction(@CurrentPrincipal() p: Principal, @Param('nominationId', ParseUUIDPipe) nid: string, @ZodBody(nominationActionSchema) body: NominationActionRequest): Promise<NominationView> {
    return this.commendations.act(p, nid, body);
  }

  /** The nomination's dossier: the structured report, the meeting, its documents (tờ trình, biên bản, QĐ) and what is missing. */
  @Returns(dossierViewSchema)
  @Get('nominations/:nominationId/dossier')
  @Authenticated()
  @ApiOperation({ summary: 'The commendation dossier and what it lacks before it leaves the unit and before it goes above the upper union' })
  dossier(@CurrentPrincipal() p: Principal, @Param('nominationId', ParseUUIDPipe) nid: string): Promise<DossierView> {
    return this.commendations.dossier(p, nid);
  }

  @Returns(dossierViewSchema)
  @Put('nominations/:nominationId/dossier')
  @Authenticated()
  @ApiOperation({ summary: 'Fill the structured achievement report and the nominating meeting (saved into the item data, as PATCH /api/items/:id/data)' })
  saveDossier(@CurrentPrincipal() p: Principal, @Param('nominationId', ParseUUIDPipe) nid: string, @ZodBody(saveDossierSchema) body: SaveDossierRequest): Promise<DossierView> {
    return this.commendations.saveDossier(p, nid, body);
  }

  @Returns(dossierViewSchema)
  @Post('nominations/:nominationId/dossier/proposal')
  @Authenticated()
  @ApiOperation({ summary: "Generate and sign the nominating unit's tờ trình (numbered in its register)" })
  signProposal(@CurrentPrincipal() p: Principal, @Param('nominationId', ParseUUIDPipe) nid: string, @ZodBody(signDossierDocumentSchema) body: SignDossierDocumentRequest): Promise<DossierView> {
    return this.commendations.signDossierDocument(p, nid, 'proposal', body);
  }

  @Returns(dossierViewSchema)
  @Post('nominations/:nominationId/dossier/minutes')
  @Authenticated()
  @ApiOperation({ summary: "Generate and sign the biên bản of the nominating unit's meeting with its vote (numbered in its register)" })
  signMinutes(@CurrentPrincipal() p: Principal, @Param('nominationId', ParseUUIDPipe) nid: string, @ZodBody(signDossierDocumentSchema) body: SignDossierDocumentRequest): Promise<DossierView> {
    return this.commendations.signDossierDocument(p, nid, 'minutes', body);
  }

  @Returns(dossierViewSchema)
  @Put('nominations/:nominationId/posting')
  @Authenticated()
  @ApiOperation({ summary: "Record the public posting before the council's vote (start and end dates, place)" })
  setPosting(@CurrentPrincipal() p: Principal, @Param('nominationId', ParseUUIDPipe) nid: string, @ZodBody(setPostingSchema) body: SetPostingRequest): Promise<DossierView> {
    return this.commendations.setPosting(p, nid, body);
  }

  @Returns(ballotViewSchema)
  @Get('ballots/:ballotId')
  @Authenticated()
  ballot(@CurrentPrincipal() p: Principal, @Param('ballotId', ParseUUIDPipe) bid: string): Promise<BallotView> {
    return this.commendations.ballotView(p, bid);
  }

  /** One member's votes on one or several ballots (`choices`: ballot id → choice), all in one transaction. */
  @Returns(z.array(ballotViewSchema))
  @Post('ballots/votes')
  @HttpCode(200)
  @Authenticated()
  vote(@CurrentPrincipal() p: Principal, @ZodBody(castVoteSchema) body: CastVoteRequest): Promise<BallotView[]> {
    return this.commendations.vote(p, body);
  }

  /** The council secretary closes one or several ballots; workflow-core decides each from the votes cast. */
  @Returns(z.array(ballotViewSchema))
  @Post('ballots/close')
  @HttpCode(200)
  @Authenticated()
  closeBallots(@CurrentPrincipal() p: Principal, @ZodBody(closeBallotsSchema) body: CloseBallotsRequest): Promise<BallotView[]> {
    return this.commendations.closeBallots(p, body);
  }

  @Returns(issueDecisionResultSchema)
  @Post(':id/decisions')
  @Authenticated()
  issueDecision(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(issueDecisionSchema) body: IssueDecisionRequest): Promise<IssueDecisionResult> {
    return this.commendations.issueDecision(p, id, body);
  }

  // inspections
  @Returns(z.array(inspectionViewSchema))
  @Post(':id/inspections')
  @Authenticated()
  scheduleInspections(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string, @ZodBody(scheduleInspectionSchema) body: ScheduleInspectionRequest): Promise<InspectionView[]> {
    return this.inspections.schedule(p, id, body);
  }

  @Returns(z.array(inspectionViewSchema))
  @Get(':id/inspections')
  @Authenticated()
  listInspections(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<InspectionView[]> {
    return this.inspections.list(p, id);
  }

  @Returns(inspectionViewSchema)
  @Patch('inspections/:inspectionId/findings')
  @Authenticated()
  findings(@CurrentPrincipal() p: Principal, @Param('inspectionId', ParseUUIDPipe) iid: string, @ZodBody(recordFindingsSchema) body: RecordFindingsRequest): Promise<InspectionView> {
    return this.inspections.recordFindings(p, iid, body);
  }

  @Returns(inspectionViewSchema)
  @Patch('inspections/:inspectionId/correction')
  @Authenticated()
  correction(@CurrentPrincipal() p: Principal, @Param('inspectionId', ParseUUIDPipe) iid: string, @ZodBody(submitCorrectiveActionSchema) body: SubmitCorrectiveActionRequest): Promise<InspectionView> {
    return this.inspections.submitCorrection(p, iid, body);
  }

  @Returns(inspectionViewSchema)
  @Patch('inspections/:inspectionId/verification')
  @Authenticated()
  verify(@CurrentPrincipal() p: Principal, @Param('inspectionId', ParseUUIDPipe) iid: string, @ZodBody(verifyCorrectiveActionSchema) body: VerifyCorrectiveActionRequest): Promise<InspectionView> {
    return this.inspections.verify(p, iid, body);
  }
}
