import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditLogController } from './audit-log.controller';

@Module({ imports: [AuditModule], controllers: [AuditLogController] })
export class AuditApiModule {}
