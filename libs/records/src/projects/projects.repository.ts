import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { ProjectEntity } from './project.entity';

@Injectable()
export class ProjectsRepository extends TenantRepository<ProjectEntity> {
  constructor(@InjectRepository(ProjectEntity) repository: Repository<ProjectEntity>) {
    super(repository);
  }

  /** The organisation's first project. */
  oldest(orgId: string, manager?: EntityManager): Promise<ProjectEntity | null> {
    return this.repo(manager).findOne({ where: { orgId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Serialises the creation of a default project per organisation until the caller's transaction ends. */
  async lockDefault(orgId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('projects.default:' || $1))`, [orgId]);
  }
}
