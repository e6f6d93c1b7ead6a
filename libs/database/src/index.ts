export * from './tenant.entity';
export * from './tenant.repository';
export * from './data-source.options';
export * from './run-migrations';
export * from './database.service';
export * from './database.module';
export * from './record-scope';
