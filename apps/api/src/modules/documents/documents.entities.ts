import { DocumentNumberCounterEntity } from './document-number-counter.entity';
import { IssuerProfileEntity } from './issuer-profile.entity';
import { OfficialDocumentEntity } from './official-document.entity';
import { SignedPdfEntity } from './signed-pdf.entity';
import { SigningCredentialEntity } from './signing-credential.entity';

export const DOCUMENTS_ENTITIES = [DocumentNumberCounterEntity, IssuerProfileEntity, OfficialDocumentEntity, SigningCredentialEntity, SignedPdfEntity];
