import { Module } from '@nestjs/common';
import { DocumentNumberingService } from './document-numbering.service';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { WorkItemNumbering } from './work-item-numbering';

/** Official documents: numbering register, drafts, signing, .docx export. */
@Module({
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentNumberingService, DocumentsService, WorkItemNumbering],
  exports: [DocumentNumberingService, DocumentsService, WorkItemNumbering],
})
export class DocumentsModule {}
