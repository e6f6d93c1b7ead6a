import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ulid } from 'ulid';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { AppConfig, Role } from '@app/core';
import { AccessTokensService } from './access-tokens.service';
import { RefreshToken } from './entities/refresh-token.entity';
import { invalidRefreshToken } from './identity.errors';
import { MembershipsRepository } from './repositories/memberships.repository';
import { randomToken, sha256 } from './secrets';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Issues access + refresh token pairs and rotates refresh tokens (one use each; reuse revokes the family). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly config: AppConfig,
    private readonly accessTokens: AccessTokensService,
    private readonly memberships: MembershipsRepository,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  async start(
    userId: string,
    orgId: string,
    role: Role,
    manager?: EntityManager,
    familyId: string = ulid(),
  ): Promise<Session> {
    const refreshToken = randomToken();
    const repository = manager ? manager.getRepository(RefreshToken) : this.refreshTokens;
    // Expired tokens are useless; each new session sweeps its user's, so the table stays bounded per user.
    await repository.delete({ userId, expiresAt: LessThan(new Date()) });
    await repository.insert({
      tokenHash: sha256(refreshToken),
      familyId,
      userId,
      orgId,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return {
      accessToken: this.accessTokens.issueForUser(userId, orgId, role),
      refreshToken,
      expiresIn: this.accessTokens.lifetimeSeconds,
    };
  }

  async refresh(refreshToken: string): Promise<Session & { userId: string }> {
    const tokenHash = sha256(refreshToken);
    // Spending the token is one conditional UPDATE: two concurrent refreshes cannot both succeed.
    const spent = await this.refreshTokens
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', {
        tokenHash,
      })
      .returning('family_id, user_id, org_id')
      .execute();
    const row = (spent.raw as { family_id: string; user_id: string; org_id: string }[])[0];
    if (!row) {
      const known = await this.refreshTokens.findOne({ where: { tokenHash } });
      if (known?.usedAt) await this.revokeFamily(known.familyId);
      throw invalidRefreshToken();
    }
    // The role and organisation are read again: a member removed or demoted since login gets no stale rights.
    const memberships = await this.memberships.allOfUser(row.user_id);
    const membership = memberships.find((m) => m.orgId === row.org_id) ?? memberships[0];
    if (!membership) throw invalidRefreshToken();
    const session = await this.start(
      row.user_id,
      membership.orgId,
      membership.role,
      undefined,
      row.family_id,
    );
    return { ...session, userId: row.user_id };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId }, { revokedAt: () => 'now()' });
  }

  /** A member removed from an organisation keeps no refresh token bound to it. */
  async revokeForMembership(orgId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshToken).delete({ orgId, userId });
  }
}
