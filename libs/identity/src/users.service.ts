import { actorOf, AuditService } from '@app/audit';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import {
  AppConfig,
  conflict,
  forbidden,
  newId,
  notFound,
  PaginationQueryDto,
  Role,
  TenantContext,
} from '@app/core';
import { DatabaseService } from '@app/database';
import { normalizeEmail } from './auth.service';
import { InviteUserDto } from './dto/invite-user.dto';
import { Membership } from './entities/membership.entity';
import { User } from './entities/user.entity';
import { lastOwner, limitReached } from './identity.errors';
import { InvitesRepository } from './repositories/invites.repository';
import { MembershipsRepository } from './repositories/memberships.repository';
import { randomToken, sha256 } from './secrets';
import { SessionsService } from './sessions.service';
import { memberView } from './views';

const INVITE_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** Open (unused, unexpired) invites per organisation. */
export const MAX_OPEN_INVITES = 500;

/** Only an owner may hand out or take away ownership; an admin manages everyone else. */
const mayManage = (caller: Role, currentRole: Role, newRole?: Role): boolean =>
  caller === 'owner' || (currentRole !== 'owner' && newRole !== 'owner');

/** The members of an organisation (a "user" here is a membership: GET /users lists the organisation's people). */
@Injectable()
export class UsersService {
  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseService,
    private readonly memberships: MembershipsRepository,
    private readonly invites: InvitesRepository,
    private readonly sessions: SessionsService,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
  ) {}

  /** E-mail addresses of the organisation's owners and admins: who hears about what nobody else was named for. */
  async adminEmails(orgId: string, manager?: EntityManager): Promise<string[]> {
    const admins = await this.memberships.withRoles(orgId, ['owner', 'admin'], manager);
    if (admins.length === 0) return [];
    const users = await (manager ? manager.getRepository(User) : this.users).findBy({
      id: In(admins.map((m) => m.userId)),
    });
    return users.map((user) => user.email).sort();
  }

  /** The member of the organisation with this e-mail address (a recording system's agent username), if any. */
  async memberIdByEmail(orgId: string, email: string): Promise<string | null> {
    const user = await this.users.findOneBy({ email: normalizeEmail(email) });
    if (!user) return null;
    return (await this.memberships.findOfUser(orgId, user.id)) ? user.id : null;
  }

  async list(context: TenantContext, page: PaginationQueryDto) {
    const [rows, total, nextCursor] = await this.memberships.findPage(context.orgId, {}, page, {
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const users = await this.users.findBy({ id: In(rows.map((m) => m.userId)) });
    const byId = new Map(users.map((u) => [u.id, u]));
    const items = rows.flatMap((m) => {
      const user = byId.get(m.userId);
      return user ? [memberView(user, m.role, m.createdAt)] : [];
    });
    return { items, total, nextCursor };
  }

  async get(context: TenantContext, userId: string) {
    const membership = await this.membershipOrFail(context.orgId, userId);
    const user = await this.users.findOneByOrFail({ id: userId });
    return memberView(user, membership.role, membership.createdAt);
  }

  async invite(context: TenantContext, input: InviteUserDto) {
    if (!mayManage(context.role, input.role, input.role))
      throw forbidden('Only an owner can invite an owner');
    const email = normalizeEmail(input.email);
    const existing = await this.users.findOneBy({ email });
    if (existing && (await this.memberships.findOfUser(context.orgId, existing.id)))
      throw conflict('This email already belongs to a member of the organisation');
    if ((await this.invites.countOpen(context.orgId)) >= MAX_OPEN_INVITES)
      throw limitReached('open invites', MAX_OPEN_INVITES);
    const token = randomToken();
    const invite = await this.database.transaction(async (manager) => {
      const inserted = await this.invites.insert(
        context.orgId,
        {
          id: newId('inv'),
          email,
          role: input.role,
          tokenHash: sha256(token),
          invitedBy: context.actor.kind === 'user' ? context.actor.userId : context.actor.clientId,
          expiresAt: new Date(Date.now() + INVITE_LIFETIME_MS),
          acceptedAt: null,
        },
        manager,
      );
      await this.audit.record(manager, {
        orgId: context.orgId,
        actor: actorOf(context),
        action: 'user.invited',
        target: { type: 'invite', id: inserted.id },
        details: { role: input.role },
      });
      return inserted;
    });
    const inviteUrl = new URL('/accept-invite', this.config.PUBLIC_URL);
    inviteUrl.searchParams.set('token', token);
    return {
      id: invite.id,
      email,
      role: invite.role,
      expiresAt: invite.expiresAt,
      inviteToken: token,
      inviteUrl: inviteUrl.toString(),
    };
  }

  async updateRole(context: TenantContext, userId: string, role: Role) {
    await this.database.transaction(async (manager) => {
      const owners = await this.memberships.lockOwners(context.orgId, manager);
      const membership = await this.membershipOrFail(context.orgId, userId, manager);
      if (!mayManage(context.role, membership.role, role))
        throw forbidden('Only an owner can change ownership');
      if (membership.role === 'owner' && role !== 'owner' && owners.length <= 1) throw lastOwner();
      await this.memberships.update(context.orgId, membership.id, { role }, manager);
      if (membership.role !== role)
        await this.audit.record(manager, {
          orgId: context.orgId,
          actor: actorOf(context),
          action: 'user.role_changed',
          target: { type: 'user', id: userId },
          details: { from: membership.role, to: role },
        });
    });
    return this.get(context, userId);
  }

  /** Removes the membership (the person's account stays: it may belong to other organisations). */
  async remove(context: TenantContext, userId: string): Promise<void> {
    await this.database.transaction(async (manager) => {
      const owners = await this.memberships.lockOwners(context.orgId, manager);
      const membership = await this.membershipOrFail(context.orgId, userId, manager);
      if (!mayManage(context.role, membership.role)) throw forbidden('Only an owner can remove an owner');
      if (membership.role === 'owner' && owners.length <= 1) throw lastOwner();
      await this.memberships.delete(context.orgId, membership.id, manager);
      await this.sessions.revokeForMembership(context.orgId, userId, manager);
      await this.audit.record(manager, {
        orgId: context.orgId,
        actor: actorOf(context),
        action: 'user.removed',
        target: { type: 'user', id: userId },
        details: { role: membership.role },
      });
    });
  }

  private async membershipOrFail(
    orgId: string,
    userId: string,
    manager?: EntityManager,
  ): Promise<Membership> {
    const membership = await this.memberships.findOfUser(orgId, userId, manager);
    if (!membership) throw notFound('User');
    return membership;
  }
}
