import { Module } from '@nestjs/common';
import { RechatCompatModule } from './rechat/rechat.module';

/**
 * The seed systems' own APIs under /compat/<system>: each only maps paths, envelopes, names, units, ids, auth and
 * errors onto Parley's services (docs/compat/).
 */
@Module({ imports: [RechatCompatModule] })
export class CompatModule {}
