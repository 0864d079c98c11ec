import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { HistoryPartitions } from './audit/history-partitions';

@Global()
@Module({ providers: [AuditService, HistoryPartitions], exports: [AuditService, HistoryPartitions] })
export class CommonModule {}
