import { Injectable } from '@nestjs/common';
import { newId, notFound, validationFailed } from '@app/core';
import { DatabaseService } from '@app/database';
import { Organization } from './entities/organization.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { hashPassword } from './password-hasher';
import { MembershipsRepository } from './repositories/memberships.repository';
import { normalizeEmail } from './auth.service';

/**
 * What an operator does from the command line (apps/admin), not through the API: bootstrap an organisation when
 * sign-up is closed, and give a locked-out person a new password.
 */
/** As sign-up asks. */
export const MIN_PASSWORD_LENGTH = 10;

@Injectable()
export class OperatorService {
  constructor(
    private readonly database: DatabaseService,
    private readonly memberships: MembershipsRepository,
  ) {}

  /** A new organisation with its owner; the owner's account is created, or an existing one joins. */
  async createOrganization(input: { name: string; ownerEmail: string; ownerName: string; password: string }) {
    if (input.password.length < MIN_PASSWORD_LENGTH)
      throw validationFailed(`A password has at least ${MIN_PASSWORD_LENGTH} characters`);
    const email = normalizeEmail(input.ownerEmail);
    const passwordHash = await hashPassword(input.password);
    return this.database.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const existing = await users.findOneBy({ email });
      const user =
        existing ??
        (await users.save({ id: newId('usr'), email, name: input.ownerName.trim(), passwordHash }));
      const organization = await manager
        .getRepository(Organization)
        .save({ id: newId('org'), name: input.name.trim() });
      await this.memberships.insert(
        organization.id,
        { id: newId('mbr'), userId: user.id, role: 'owner' },
        manager,
      );
      return { organizationId: organization.id, userId: user.id, newUser: !existing };
    });
  }

  /** Sets a new password and ends every session of the person (their refresh tokens stop working). */
  async resetPassword(emailAddress: string, password: string): Promise<{ userId: string }> {
    if (password.length < MIN_PASSWORD_LENGTH)
      throw validationFailed(`A password has at least ${MIN_PASSWORD_LENGTH} characters`);
    const email = normalizeEmail(emailAddress);
    const passwordHash = await hashPassword(password);
    return this.database.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ email });
      if (!user) throw notFound('User');
      await manager.getRepository(User).update({ id: user.id }, { passwordHash });
      await manager.getRepository(RefreshToken).delete({ userId: user.id });
      return { userId: user.id };
    });
  }
}
