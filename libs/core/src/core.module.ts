import { Global, Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { LoggingModule } from './logging/logging.module';

/** Configuration and logging: what every process needs before anything else. */
@Global()
@Module({
  imports: [ConfigModule, LoggingModule],
  exports: [ConfigModule, LoggingModule],
})
export class CoreModule {}
