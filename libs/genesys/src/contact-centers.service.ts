import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { conflict, notFound, TenantContext } from '@app/core';
import { TenantRepository } from '@app/database';
import { hashPassword, verifyPassword } from '@app/identity';
import { ProjectsService } from '@app/records';
import { ContactCenterEntity } from './contact-center.entity';
import { CreateContactCenterDto } from './dto/contact-center.dto';

export const presentContactCenter = (center: ContactCenterEntity) => ({
  contactCenterId: center.id,
  projectId: center.projectId,
  opsUsername: center.opsUsername,
  allowedStorageHosts: center.allowedStorageHosts,
  createdAt: center.createdAt.toISOString(),
});

@Injectable()
export class ContactCentersRepository extends TenantRepository<ContactCenterEntity> {
  constructor(@InjectRepository(ContactCenterEntity) repository: Repository<ContactCenterEntity>) {
    super(repository);
  }

  /** The contact center whatever its organisation: the insertion API knows it by its id alone. */
  findAnywhere(id: string): Promise<ContactCenterEntity | null> {
    return this.repo().findOne({ where: { id } });
  }
}

/** A hash no password matches: an unknown contact center costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** The contact centers of the Genesys insertion API and the ops users that may insert their recordings. */
@Injectable()
export class ContactCentersService {
  constructor(
    private readonly centers: ContactCentersRepository,
    private readonly projects: ProjectsService,
  ) {}

  async list(ctx: TenantContext) {
    const rows = await this.centers.findBy(ctx.orgId, {}, { order: { createdAt: 'ASC' } });
    return rows.map(presentContactCenter);
  }

  async create(ctx: TenantContext, dto: CreateContactCenterDto) {
    await this.projects.get(ctx, dto.projectId);
    if (await this.centers.findAnywhere(dto.contactCenterId))
      throw conflict('This contact center is already registered');
    const center = await this.centers.insert(ctx.orgId, {
      id: dto.contactCenterId,
      projectId: dto.projectId,
      opsUsername: dto.opsUsername,
      opsPasswordHash: await hashPassword(dto.opsPassword),
      allowedStorageHosts: (dto.allowedStorageHosts ?? []).map((host) => host.toLowerCase()),
    });
    return presentContactCenter(center);
  }

  async remove(ctx: TenantContext, id: string): Promise<void> {
    if (!(await this.centers.delete(ctx.orgId, id))) throw notFound('Contact center');
  }

  /** The contact center when `username` and `password` are its ops user's; null otherwise (same time either way). */
  async authenticate(id: string, username: string, password: string): Promise<ContactCenterEntity | null> {
    const center = await this.centers.findAnywhere(id);
    decoyHash ??= hashPassword(`decoy-${Math.random()}`);
    const matches = await verifyPassword(password, center?.opsPasswordHash ?? (await decoyHash));
    return center && matches && center.opsUsername === username ? center : null;
  }
}
