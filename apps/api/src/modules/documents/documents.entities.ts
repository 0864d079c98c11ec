import { DocumentNumberCounterEntity } from './document-number-counter.entity';
import { IssuerProfileEntity } from './issuer-profile.entity';
import { OfficialDocumentEntity } from './official-document.entity';
import { OfficialDocumentSourceEntity } from './official-document-source.entity';
import { SignedPdfEntity } from './signed-pdf.entity';
import { SigningCredentialEntity } from './signing-credential.entity';

export const DOCUMENTS_ENTITIES = [DocumentNumberCounterEntity, IssuerProfileEntity, OfficialDocumentEntity, OfficialDocumentSourceEntity, SigningCredentialEntity, SignedPdfEntity];
