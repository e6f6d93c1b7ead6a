import { uuidOf, type Scope, type Role } from '@app/core';
import type { ApiClient } from './entities/api-client.entity';
import type { Organization } from './entities/organization.entity';
import type { User } from './entities/user.entity';

export const userView = (user: User) => ({ id: user.id, email: user.email, name: user.name });

export const organizationView = (organization: Organization) => ({
  id: organization.id,
  name: organization.name,
  // The organisation as a Rechat brand (/compat/rechat/brands/:brandId).
  brandId: uuidOf(organization.id),
});

export const memberView = (user: User, role: Role, joinedAt: Date) => ({ ...userView(user), role, joinedAt });

export const clientView = (client: ApiClient) => ({
  id: client.id,
  clientId: client.id,
  name: client.name,
  scopes: client.scopes as Scope[],
  createdAt: client.createdAt,
});
