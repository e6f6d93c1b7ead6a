import { OperatorService } from './operator.service';
import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { AccessTokensService } from './access-tokens.service';
import { AuthService } from './auth.service';
import { ClientsService } from './clients.service';
import { ApiClient } from './entities/api-client.entity';
import { Invite } from './entities/invite.entity';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { JWT_SIGNING_KEY, resolveJwtSecret } from './jwt-secret';
import { LoginThrottleService } from './login-throttle.service';
import { SignupThrottleService } from './signup-throttle.service';
import { ThrottleRedis } from './throttle-redis';
import { ApiClientsRepository } from './repositories/api-clients.repository';
import { InvitesRepository } from './repositories/invites.repository';
import { MembershipsRepository } from './repositories/memberships.repository';
import { SessionsService } from './sessions.service';
import { TenantResolverService } from './tenant-resolver.service';
import { UsersService } from './users.service';

@Module({
  imports: [
    AuditModule,
    TypeOrmModule.forFeature([Organization, User, Membership, Invite, ApiClient, RefreshToken]),
  ],
  providers: [
    OperatorService,
    { provide: JWT_SIGNING_KEY, inject: [AppConfig], useFactory: resolveJwtSecret },
    AccessTokensService,
    SessionsService,
    ThrottleRedis,
    LoginThrottleService,
    SignupThrottleService,
    MembershipsRepository,
    InvitesRepository,
    ApiClientsRepository,
    AuthService,
    UsersService,
    ClientsService,
    TenantResolverService,
  ],
  exports: [
    AuthService,
    UsersService,
    ClientsService,
    TenantResolverService,
    OperatorService,
    LoginThrottleService,
  ],
})
export class IdentityModule {}
