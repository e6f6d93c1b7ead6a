import { Module } from '@nestjs/common';
import { GenesysCompatModule } from './genesys/genesys.module';
import { ImagicleCompatModule } from './imagicle/imagicle.module';
import { RechatCompatModule } from './rechat/rechat.module';
import { SiroCompatModule } from './siro/siro.module';

/**
 * The seed systems' own APIs under /compat/<system>: each only maps paths, envelopes, names, units, ids, auth and
 * errors onto Parley's services (docs/compat/).
 */
@Module({ imports: [GenesysCompatModule, ImagicleCompatModule, RechatCompatModule, SiroCompatModule] })
export class CompatModule {}
