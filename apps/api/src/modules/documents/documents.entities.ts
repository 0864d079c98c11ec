import { DocumentNumberCounterEntity } from './document-number-counter.entity';
import { IssuerProfileEntity } from './issuer-profile.entity';
import { OfficialDocumentEntity } from './official-document.entity';

export const DOCUMENTS_ENTITIES = [DocumentNumberCounterEntity, IssuerProfileEntity, OfficialDocumentEntity];
