import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { Condition } from '../conditions/condition';

export const ALERT_ACTIONS = ['webhook', 'email'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** A rule: when its condition matches a processed record of its organisation (and project), an alert fires. */
@Entity('alert_rules')
export class AlertRuleEntity extends TenantEntity {
  @Column('text')
  name: string;

  /** Only records of this project; every project of the organisation when null. */
  @Column('text', { nullable: true })
  projectId: string | null;

  @Column('jsonb')
  condition: Condition;

  @Column('text', { array: true })
  actions: AlertAction[];

  @Column('text', { array: true, default: () => `'{}'` })
  emails: string[];

  @Column('boolean', { default: true })
  enabled: boolean;
}
