import { ReportDraftEntity } from './report-draft.entity';

export const REPORTS_ENTITIES = [ReportDraftEntity];
