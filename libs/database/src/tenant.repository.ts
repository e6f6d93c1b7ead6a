import {
  EntityManager,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Raw,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { decodeCursor, invalidCursor, nextCursorOf, notFound } from '@app/core';
import { TenantEntity } from './tenant.entity';

/** A where clause without orgId: the organisation always comes from the method's first argument. */
export type TenantWhere<E extends TenantEntity> = Omit<FindOptionsWhere<E>, 'orgId' | 'id'> & { id?: string };

export interface PageRequest {
  page: number;
  pageSize: number;
  /** A previous page's nextCursor: keyset paging instead of page. */
  cursor?: string;
}

/** A page of rows: the rows, the list's total, and the cursor of the page after (null on the last). */
export type Page<E> = [E[], number, string | null];

/**
 * The id of the row a cursor continues after, once the cursor is one this list and order gave out (`signature`) and
 * its row is still the organisation's (deleted or not); a 400 otherwise.
 */
export async function cursorRowId(
  manager: EntityManager,
  table: string,
  orgId: string,
  cursor: string,
  signature: string,
): Promise<string> {
  const afterId = decodeCursor(cursor, signature);
  const [{ found }]: Array<{ found: boolean }> = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2) AS found`,
    [orgId, afterId],
  );
  if (!found) throw invalidCursor();
  return afterId;
}

/** The order as [property, direction] pairs, `id` last (in the last key's direction) so no two rows tie. */
function orderKeys(order: Record<string, 'ASC' | 'DESC'> | undefined): Array<[string, 'ASC' | 'DESC']> {
  const keys = Object.entries(order ?? {}).map(
    ([key, direction]) =>
      [key, String(direction).toUpperCase() === 'ASC' ? 'ASC' : 'DESC'] as [string, 'ASC' | 'DESC'],
  );
  if (!keys.some(([key]) => key === 'id')) keys.push(['id', keys.at(-1)?.[1] ?? 'ASC']);
  return keys;
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

  /**
   * One page of the organisation's rows and their total. With `page.cursor` (a previous page's nextCursor) the page
   * is the rows after the cursor's row in the list's order (keyset paging: its cost does not grow with how deep the
   * page is); otherwise page/pageSize by offset. The order is the options' order with `id` added as the last key,
   * so it is total; every ordering column must be NOT NULL (a row compares with NULL as neither before nor after).
   */
  async findPage(
    orgId: string,
    where: TenantWhere<E>,
    page: PageRequest,
    options: Omit<FindManyOptions<E>, 'where' | 'skip' | 'take'> = {},
  ): Promise<Page<E>> {
    const keys = orderKeys(options.order as Record<string, 'ASC' | 'DESC'> | undefined);
    const signature = `${this.repository.metadata.tableName}:${keys.map(([key, dir]) => `${key}.${dir}`).join(',')}`;
    const order = Object.fromEntries(keys) as FindManyOptions<E>['order'];
    const scoped = this.scoped(orgId, where);
    if (!page.cursor) {
      const [rows, total] = await this.repo().findAndCount({
        ...options,
        order,
        where: scoped,
        skip: (page.page - 1) * page.pageSize,
        take: page.pageSize,
      });
      return [rows, total, nextCursorOf(rows as unknown as Array<{ id: string }>, page.pageSize, signature)];
    }
    const afterId = await cursorRowId(
      this.repo().manager,
      this.repository.metadata.tablePath,
      orgId,
      page.cursor,
      signature,
    );
    const [rows, total] = await Promise.all([
      this.repo().find({
        ...options,
        order,
        where: this.after(orgId, scoped, keys, afterId),
        take: page.pageSize,
      }),
      this.repo().count({ where: scoped }),
    ]);
    return [rows, total, nextCursorOf(rows as unknown as Array<{ id: string }>, page.pageSize, signature)];
  }

  /**
   * The rows after row `afterId` in the order `keys`, as the OR of one clause per key: equal on the keys before it,
   * beyond on it (`<` descending, `>` ascending). The cursor row's values are read by PostgreSQL, at full precision.
   */
  private after(
    orgId: string,
    scoped: FindOptionsWhere<E>,
    keys: Array<[string, 'ASC' | 'DESC']>,
    afterId: string,
  ): FindOptionsWhere<E>[] {
    const table = this.repository.metadata.tablePath;
    const column = (key: string) => this.repository.metadata.findColumnWithPropertyName(key)!.databaseName;
    const valueOf = (key: string) =>
      `(SELECT cursor_row."${column(key)}" FROM ${table} cursor_row WHERE cursor_row.org_id = :cursorOrgId AND cursor_row.id = :cursorRowId)`;
    const parameters = { cursorOrgId: orgId, cursorRowId: afterId };
    return keys.map((_, at) => ({
      ...scoped,
      ...Object.fromEntries(
        keys
          .slice(0, at + 1)
          .map(([key, direction], index) => [
            key,
            Raw(
              (alias) => `${alias} ${index < at ? '=' : direction === 'DESC' ? '<' : '>'} ${valueOf(key)}`,
              parameters,
            ),
          ]),
      ),
    })) as FindOptionsWhere<E>[];
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

/**
 * A page of a query built elsewhere, newest first on (`column`, id): by offset, or with `page.cursor` the rows after
 * the cursor's row (keyset paging, compared by the row's stored values). The query must already hold the
 * organisation's condition and filters; `orgId` scopes the cursor row.
 */
export async function newestFirstPage<E extends ObjectLiteral & { id: string }>(
  builder: SelectQueryBuilder<E>,
  options: { orgId: string; alias: string; column: string; page: PageRequest & { offset?: number } },
): Promise<Page<E>> {
  const { orgId, alias, column, page } = options;
  const table = builder.expressionMap.mainAlias!.metadata.tablePath;
  const signature = `${table}:${column}.DESC`;
  const rows = builder.clone();
  if (page.cursor) {
    const afterId = await cursorRowId(builder.connection.manager, table, orgId, page.cursor, signature);
    rows.andWhere(
      `(${alias}.${column}, ${alias}.id) < (SELECT cursor_row.${column}, cursor_row.id FROM ${table} cursor_row
          WHERE cursor_row.org_id = :cursorOrgId AND cursor_row.id = :cursorRowId)`,
      { cursorOrgId: orgId, cursorRowId: afterId },
    );
  } else rows.skip(page.offset ?? (page.page - 1) * page.pageSize);
  const [pageRows, total] = await Promise.all([
    rows
      .orderBy(`${alias}.${column}`, 'DESC')
      .addOrderBy(`${alias}.id`, 'DESC')
      .take(page.pageSize)
      .getMany(),
    builder.getCount(),
  ]);
  return [pageRows, total, nextCursorOf(pageRows, page.pageSize, signature)];
}
