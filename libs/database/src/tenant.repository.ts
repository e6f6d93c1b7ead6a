import {
  EntityManager,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { notFound } from '@app/core';
import { TenantEntity } from './tenant.entity';

/** A where clause without orgId: the organisation always comes from the method's first argument. */
export type TenantWhere<E extends TenantEntity> = Omit<FindOptionsWhere<E>, 'orgId' | 'id'> & { id?: string };

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * The one mechanism that makes tenant-owned queries carry the organisation: every method takes orgId first and
 * adds it to the query, so a service cannot forget it. Each context's repository extends this for its table.
 * Pass an EntityManager to run inside a transaction.
 */
export abstract class TenantRepository<E extends TenantEntity> {
  protected constructor(protected readonly repository: Repository<E>) {}

  protected repo(manager?: EntityManager): Repository<E> {
    return manager ? manager.getRepository<E>(this.repository.target) : this.repository;
  }

  private scoped(orgId: string, where: TenantWhere<E> = {} as TenantWhere<E>): FindOptionsWhere<E> {
    return { ...where, orgId } as unknown as FindOptionsWhere<E>;
  }

  findOne(orgId: string, id: string, manager?: EntityManager): Promise<E | null> {
    return this.repo(manager).findOne({ where: this.scoped(orgId, { id } as TenantWhere<E>) });
  }

  async findOneOrFail(orgId: string, id: string, what: string, manager?: EntityManager): Promise<E> {
    const found = await this.findOne(orgId, id, manager);
    if (!found) throw notFound(what);
    return found;
  }

  findBy(
    orgId: string,
    where: TenantWhere<E>,
    options: Omit<FindManyOptions<E>, 'where'> = {},
    manager?: EntityManager,
  ) {
    return this.repo(manager).find({ ...options, where: this.scoped(orgId, where) });
  }

  findPage(
    orgId: string,
    where: TenantWhere<E>,
    page: PageRequest,
    options: Omit<FindManyOptions<E>, 'where' | 'skip' | 'take'> = {},
  ): Promise<[E[], number]> {
    return this.repo().findAndCount({
      ...options,
      where: this.scoped(orgId, where),
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
  }

  count(
    orgId: string,
    where: TenantWhere<E> = {} as TenantWhere<E>,
    manager?: EntityManager,
  ): Promise<number> {
    return this.repo(manager).count({ where: this.scoped(orgId, where) });
  }

  async insert(
    orgId: string,
    values: Omit<Partial<E>, 'orgId'> & { id: string },
    manager?: EntityManager,
  ): Promise<E> {
    const entity = this.repo(manager).create({ ...values, orgId } as unknown as E);
    return this.repo(manager).save(entity);
  }

  /** Updates one row of the organisation; returns false when there is none. */
  async update(
    orgId: string,
    id: string,
    patch: Omit<Partial<E>, 'id' | 'orgId' | 'createdAt'>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repo(manager).update(
      this.scoped(orgId, { id } as TenantWhere<E>),
      patch as unknown as Parameters<Repository<E>['update']>[1],
    );
    return (result.affected ?? 0) > 0;
  }

  async delete(orgId: string, id: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).delete(this.scoped(orgId, { id } as TenantWhere<E>));
    return (result.affected ?? 0) > 0;
  }

  /** A query builder already restricted to the organisation, for filters and aggregates find() cannot express. */
  query(orgId: string, alias: string, manager?: EntityManager): SelectQueryBuilder<E> {
    return this.repo(manager).createQueryBuilder(alias).where(`${alias}.org_id = :orgId`, { orgId });
  }
}

export type { ObjectLiteral };
