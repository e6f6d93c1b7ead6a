export * from './audit-entry.entity';
export * from './audit.service';
export * from './audit.module';
export { ListAuditQuery } from './dto/list-audit.query';
