import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { dataSourceOptions } from './data-source.options';
import { DatabaseService } from './database.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // Contexts register their entities with TypeOrmModule.forFeature; autoLoadEntities collects them.
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config, []), autoLoadEntities: true }),
    }),
  ],
  providers: [DatabaseService],
  exports: [DatabaseService],
})
export class DatabaseModule {}
