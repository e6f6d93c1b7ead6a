import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { ProjectEntity } from './project.entity';

@Injectable()
export class ProjectsRepository extends TenantRepository<ProjectEntity> {
  constructor(@InjectRepository(ProjectEntity) repository: Repository<ProjectEntity>) {
    super(repository);
  }
}
