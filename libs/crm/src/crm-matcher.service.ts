import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MatchingSource } from './crm-customer.entity';
import { callKeysOf } from './customer-fields';

export interface CrmMatch {
  customerId: string | null;
  source: Exclude<MatchingSource, 'MANUAL'>;
  /** Every customer that could be meant, when more than one could. */
  candidates: string[];
}

/** At most this many candidates are kept on a record. */
const MAX_CANDIDATES = 10;

/**
 * Which customer a call is about, from its numbers: the same number in E.164 (`DIRECT`), else the same national
 * number (`FUZZY`), else `NOT_FOUND`. One customer is linked only when exactly one matches; two or more are listed
 * as candidates with no customer linked (`FUZZY`): a caller who is two customers' contact is never silently the
 * first. Each step is a GIN-index look-up.
 */
@Injectable()
export class CrmMatcher {
  async match(
    manager: EntityManager,
    orgId: string,
    numbers: Array<string | null | undefined>,
  ): Promise<CrmMatch> {
    const keys = callKeysOf(numbers);
    if (keys.e164.length > 0) {
      const direct = await this.find(manager, orgId, 'phones_e164', keys.e164);
      if (direct.length === 1) return { customerId: direct[0], source: 'DIRECT', candidates: [] };
      if (direct.length > 1) return { customerId: null, source: 'FUZZY', candidates: direct };
    }
    if (keys.national.length > 0) {
      const fuzzy = await this.find(manager, orgId, 'phones_national', keys.national);
      if (fuzzy.length === 1) return { customerId: fuzzy[0], source: 'FUZZY', candidates: fuzzy };
      if (fuzzy.length > 1) return { customerId: null, source: 'FUZZY', candidates: fuzzy };
    }
    return { customerId: null, source: 'NOT_FOUND', candidates: [] };
  }

  private async find(
    manager: EntityManager,
    orgId: string,
    column: 'phones_e164' | 'phones_national',
    values: string[],
  ): Promise<string[]> {
    const rows = (await manager.query(
      // The number first (GIN index), the organisation after: fenced (OFFSET 0) so the planner cannot start from the
      // organisation's rows instead, which it would while its statistics still count a big import as a few rows.
      `SELECT id FROM (SELECT id, org_id FROM crm_customers WHERE ${column} && $2::text[] OFFSET 0) found
        WHERE org_id = $1 ORDER BY id LIMIT ${MAX_CANDIDATES}`,
      [orgId, values],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }
}
