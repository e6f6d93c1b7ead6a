import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AppConfig, conflict, forbidden, newId, TenantContext, uuidOf } from '@app/core';
import { DatabaseService } from '@app/database';
import { AcceptInviteDto } from './dto/accept-invite.dto';
import { LoginDto } from './dto/login.dto';
import { SignupDto } from './dto/signup.dto';
import { Organization } from './entities/organization.entity';
import { User } from './entities/user.entity';
import { invalidCredentials, invalidInvite, signupDisabled } from './identity.errors';
import { LoginThrottleService } from './login-throttle.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';
import { InvitesRepository } from './repositories/invites.repository';
import { MembershipsRepository } from './repositories/memberships.repository';
import { sha256 } from './secrets';
import { SessionsService } from './sessions.service';
import { SignupThrottleService } from './signup-throttle.service';
import { isUniqueViolation } from './unique-violation';
import { organizationView, userView } from './views';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly signups: SignupThrottleService,
    private readonly memberships: MembershipsRepository,
    private readonly invites: InvitesRepository,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
  ) {}

  /** A new organisation with the caller as its owner, and a session in it. */
  async signup(input: SignupDto, ip: string) {
    if (!this.config.AUTH_SIGNUP_ENABLED) throw signupDisabled();
    await this.signups.take(ip);
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.database.transaction(async (manager) => {
        if (await manager.getRepository(User).existsBy({ email }))
          throw conflict(
            'An account with this email already exists; log in and create the organisation there',
          );
        const organization = await manager
          .getRepository(Organization)
          .save({ id: newId('org'), name: input.organizationName.trim() });
        const user = await manager
          .getRepository(User)
          .save({ id: newId('usr'), email, name: input.name.trim(), passwordHash });
        await this.memberships.insert(
          organization.id,
          { id: newId('mbr'), userId: user.id, role: 'owner' },
          manager,
        );
        const session = await this.sessions.start(user.id, organization.id, 'owner', manager);
        return { user: userView(user), organization: organizationView(organization), ...session };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('An account with this email already exists');
      throw error;
    }
  }

  async login(input: LoginDto, clientIp: string) {
    const email = normalizeEmail(input.email);
    await this.throttle.assertAllowed(email, clientIp);
    const user = await this.findWithPassword(email);
    // Unknown emails verify against a dummy hash: same work, same answer, so the response reveals nothing.
    const passwordOk = await verifyPassword(
      input.password,
      user?.passwordHash ?? (await dummyPasswordHash()),
    );
    if (!user || !passwordOk) {
      await this.throttle.recordFailure(email, clientIp);
      throw invalidCredentials();
    }
    await this.throttle.recordSuccess(email);
    const [first] = await this.memberships.allOfUser(user.id);
    if (!first) throw forbidden('This account no longer belongs to any organisation');
    const session = await this.sessions.start(user.id, first.orgId, first.role);
    return { ...session, user: userView(user) };
  }

  async refresh(refreshToken: string) {
    const { userId, ...session } = await this.sessions.refresh(refreshToken);
    const user = await this.users.findOneByOrFail({ id: userId });
    return { ...session, user: userView(user) };
  }

  async me(context: TenantContext & { actor: { kind: 'user' } }) {
    const user = await this.users.findOneByOrFail({ id: context.actor.userId });
    const memberships = await this.memberships.allOfUser(user.id);
    const organizations = await this.organizations.findBy({ id: In(memberships.map((m) => m.orgId)) });
    const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
    return {
      user: userView(user),
      organization: {
        id: context.orgId,
        name: nameOf.get(context.orgId) ?? '',
        // The organisation as a Rechat brand (/compat/rechat/brands/:brandId).
        brandId: uuidOf(context.orgId),
      },
      role: context.role,
      memberships: memberships.map((m) => ({
        organizationId: m.orgId,
        organizationName: nameOf.get(m.orgId) ?? '',
        role: m.role,
      })),
    };
  }

  /**
   * Redeems an invite: a new email gets an account with this password and name; an email that already has an
   * account must give that account's current password (the name is left as it is) and gains a membership.
   * All or nothing: a wrong password or an existing membership leaves the invite unused.
   */
  async acceptInvite(input: AcceptInviteDto, clientIp: string) {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.database.transaction(async (manager) => {
        const invite = await this.invites.redeem(sha256(input.token), manager);
        if (!invite) throw invalidInvite();
        const user = await this.userForInvite(invite.email, input, passwordHash, clientIp, manager);
        if (await this.memberships.findOfUser(invite.orgId, user.id, manager))
          throw conflict('This account is already a member of the organisation');
        await this.memberships.insert(
          invite.orgId,
          { id: newId('mbr'), userId: user.id, role: invite.role },
          manager,
        );
        const session = await this.sessions.start(user.id, invite.orgId, invite.role, manager);
        return { ...session, user: userView(user) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('This account is already a member of the organisation');
      throw error;
    }
  }

  private async userForInvite(
    email: string,
    input: AcceptInviteDto,
    passwordHash: string,
    clientIp: string,
    manager: EntityManager,
  ): Promise<User> {
    const existing = await this.findWithPassword(email, manager);
    if (existing) {
      // The invite is rolled back on a wrong password, so without the login throttle it would be a guessing oracle.
      await this.throttle.assertAllowed(email, clientIp);
      if (!(await verifyPassword(input.password, existing.passwordHash))) {
        await this.throttle.recordFailure(email, clientIp);
        throw invalidCredentials();
      }
      return existing;
    }
    return manager
      .getRepository(User)
      .save({ id: newId('usr'), email, name: input.name.trim(), passwordHash });
  }

  private findWithPassword(email: string, manager?: EntityManager): Promise<User | null> {
    return (manager ? manager.getRepository(User) : this.users)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }
}
