import { Module } from '@nestjs/common';
import { DocumentNumberingService } from './document-numbering.service';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

/** Official documents: numbering register, drafts, signing, .docx export. */
@Module({
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentNumberingService, DocumentsService],
  exports: [DocumentNumberingService, DocumentsService],
})
export class DocumentsModule {}
