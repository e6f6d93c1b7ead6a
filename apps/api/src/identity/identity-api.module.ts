import { OAuthMetadataController } from './oauth-metadata.controller';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { AuthController } from './auth.controller';
import { ClientsController } from './clients.controller';
import { OAuthController } from './oauth.controller';
import { UsersController } from './users.controller';

/** The HTTP side of identity; re-exports IdentityModule so the global AccessGuard can resolve tenants. */
@Module({
  imports: [IdentityModule],
  controllers: [AuthController, UsersController, ClientsController, OAuthController, OAuthMetadataController],
  exports: [IdentityModule],
})
export class IdentityApiModule {}
