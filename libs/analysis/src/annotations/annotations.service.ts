import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newId, PaginationQueryDto, validationFailed } from '@app/core';
import { TenantRepository, Page } from '@app/database';
import { analysisGoneMeanwhile } from '../analyses/analysis-gone';
import { AnnotationEntity } from './annotation.entity';
import type { CreateAnnotationDto } from './dto/create-annotation.dto';

export const presentAnnotation = (annotation: AnnotationEntity) => ({
  id: annotation.id,
  analysisId: annotation.analysisId,
  author: annotation.author,
  startTime: annotation.startTime,
  endTime: annotation.endTime,
  text: annotation.text,
  category: annotation.category,
  createdAt: annotation.createdAt.toISOString(),
});

@Injectable()
export class AnnotationsRepository extends TenantRepository<AnnotationEntity> {
  constructor(@InjectRepository(AnnotationEntity) repository: Repository<AnnotationEntity>) {
    super(repository);
  }
}

/** Annotations of analyses; callers check first that the caller may see the analysis. */
@Injectable()
export class AnnotationsService {
  constructor(private readonly annotations: AnnotationsRepository) {}

  async create(
    orgId: string,
    analysisId: string,
    author: string,
    input: CreateAnnotationDto,
  ): Promise<AnnotationEntity> {
    if (input.endTime !== undefined && input.endTime < input.startTime)
      throw validationFailed('endTime must not be before startTime', [
        { field: 'endTime', message: 'must be at or after startTime' },
      ]);
    return this.annotations
      .insert(orgId, {
        id: newId('ann'),
        analysisId,
        author,
        startTime: input.startTime,
        endTime: input.endTime ?? null,
        text: input.text,
        category: input.category ?? null,
      })
      .catch(analysisGoneMeanwhile);
  }

  /** In call order (startTime), then in the order they were written. */
  list(orgId: string, analysisId: string, page: PaginationQueryDto): Promise<Page<AnnotationEntity>> {
    return this.annotations.findPage(orgId, { analysisId }, page, { order: { startTime: 'ASC', id: 'ASC' } });
  }
}
