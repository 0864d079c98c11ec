/** The public face of the documents module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { DocumentsModule } from './documents.module';
export { DocumentsService, toDocumentView } from './documents.service';
export { DocumentNumberingService } from './document-numbering.service';
export { WorkItemNumbering, workItemSourceRef, type NumberAllocated, type NumberAllocatedListener } from './work-item-numbering';
export { vietnamDate } from './document-symbol';
// Rendering in the official layout (Nghị định 30/2020/NĐ-CP), for modules that produce their own documents.
export { DOCX_MIME, PDF_MIME, sendFile } from './documents.controller';
export { renderOfficialDocx, type OfficialHeader, type SignatureBlock } from './official-docx';
export { renderOfficialPdf } from './official-pdf';
// The commendation dossier's documents (tờ trình, biên bản), generated from data (pure).
export { buildCouncilMinutes, buildMeetingMinutes, buildProposal, type CouncilTallyRow, type DossierNominee } from './dossier-documents';
export { bodyBlocks, dmy, tableRow, typographicQuotes, vietnameseNumber } from './official-layout';
// Reading back a .docx (tests of every module check the documents they produce).
export { docxParagraphs, readZipEntry } from './zip-entry';
// A throw-away CA and Debian's pdfsig, for the tests of every module that sign PDFs.
export { hasPdfsig, makeTestCa, pdfsig, type TestCa } from './pdf-test-ca';
