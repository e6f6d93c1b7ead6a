import { UsersService } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId, ownerFilterFor, PaginationQueryDto, TenantContext } from '@app/core';
import { ProjectsService, RecordsService } from '@app/records';
import { OutboxService } from '@app/webhooks';
import { AlertFacts } from './conditions/alert-facts';
import { evaluateCondition } from './conditions/evaluate-condition';
import { validateCondition } from './conditions/validate-condition';
import { CreateAlertDto, UpdateAlertDto } from './dto/create-alert.dto';
import { ListAlertEventsQuery } from './dto/list-alert-events.query';
import { alertNotFound, invalidAlertField, invalidCondition, tooManyRules } from './alerts.errors';
import { AlertEventView, AlertRuleView, presentAlertEvent, presentAlertRule } from './alerts.presenter';
import { AlertEventEntity } from './events/alert-event.entity';
import { AlertEventsRepository, NewAlertEvent } from './events/alert-events.repository';
import { AlertAction, AlertRuleEntity } from './rules/alert-rule.entity';
import { AlertRulesRepository } from './rules/alert-rules.repository';

/** Rules an organisation may keep: each one runs on every processed record. */
export const MAX_ALERT_RULES_PER_ORG = 200;

/** What the alerting stage knows about the record it evaluates. */
export interface RecordToEvaluate {
  orgId: string;
  recordId: string;
  projectId: string | null;
  /** The record's pipeline version; one event per rule and version however often the stage runs. */
  version: number;
  facts: AlertFacts;
  /** The record's owner, so agents see the events of their own records. */
  ownerId?: string | null;
}

@Injectable()
export class AlertsService {
  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly events: AlertEventsRepository,
    private readonly projects: ProjectsService,
    private readonly outbox: OutboxService,
    private readonly records: RecordsService,
    private readonly users: UsersService,
  ) {}

  // --- rules ---------------------------------------------------------------------------------

  async list(
    ctx: TenantContext,
    page: PaginationQueryDto,
  ): Promise<[AlertRuleView[], number, string | null]> {
    const [rows, total, nextCursor] = await this.rules.findPage(ctx.orgId, {}, page, {
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return [rows.map(presentAlertRule), total, nextCursor];
  }

  async get(ctx: TenantContext, id: string): Promise<AlertRuleView> {
    return presentAlertRule(await this.findRule(ctx.orgId, id));
  }

  async create(ctx: TenantContext, dto: CreateAlertDto): Promise<AlertRuleView> {
    const condition = this.checkCondition(dto.condition);
    const emails = this.checkEmails(dto.actions, dto.emails ?? []);
    if (dto.projectId) await this.projects.get(ctx, dto.projectId);
    if ((await this.rules.count(ctx.orgId)) >= MAX_ALERT_RULES_PER_ORG)
      throw tooManyRules(MAX_ALERT_RULES_PER_ORG);
    const rule = await this.rules.insert(ctx.orgId, {
      id: newId('alr'),
      name: dto.name,
      projectId: dto.projectId ?? null,
      condition,
      actions: dto.actions,
      emails,
      enabled: dto.enabled ?? true,
    });
    return presentAlertRule(rule);
  }

  async update(ctx: TenantContext, id: string, dto: UpdateAlertDto): Promise<AlertRuleView> {
    const rule = await this.findRule(ctx.orgId, id);
    const patch: Partial<AlertRuleEntity> = {};
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.enabled !== undefined) patch.enabled = dto.enabled;
    if (dto.condition !== undefined) patch.condition = this.checkCondition(dto.condition);
    if (dto.actions !== undefined || dto.emails !== undefined) {
      patch.actions = dto.actions ?? rule.actions;
      patch.emails = this.checkEmails(
        patch.actions,
        dto.emails ?? (patch.actions.includes('email') ? rule.emails : []),
      );
    }
    if (dto.projectId !== undefined) {
      if (dto.projectId !== null) await this.projects.get(ctx, dto.projectId);
      patch.projectId = dto.projectId;
    }
    if (Object.keys(patch).length > 0) await this.rules.update(ctx.orgId, id, patch);
    return this.get(ctx, id);
  }

  async remove(ctx: TenantContext, id: string): Promise<void> {
    // Events stay: they are the history of what fired, listed by alertId even after the rule is gone.
    if (!(await this.rules.delete(ctx.orgId, id))) throw alertNotFound();
  }

  // --- events --------------------------------------------------------------------------------

  async listEvents(
    ctx: TenantContext,
    query: ListAlertEventsQuery,
  ): Promise<[AlertEventView[], number, string | null]> {
    const [rows, total, nextCursor] = await this.events.list(
      ctx.orgId,
      {
        alertId: query.alertId,
        recordId: query.recordId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        recordOwnerId: ownerFilterFor(ctx),
        // Events of deleted calls are hidden with them (the rule's history comes back on restore).
        recordScope: this.records.visibleIdsSubquery(ctx),
      },
      query,
    );
    return [rows.map(presentAlertEvent), total, nextCursor];
  }

  /**
   * The alerting stage's work, inside the stage's transaction: evaluates every enabled rule of the record's
   * organisation and project, writes one alert event per match, and for each new event with the webhook action an
   * `alert.triggered` outbox event. Idempotent per (rule, record, version): run again, it adds nothing and returns
   * only the events it created. After the commit, hand the result to AlertEmailsService.enqueueFor().
   */
  /** Whether a call of this project has any rule to be evaluated against (its facts need not be gathered if not). */
  hasRulesFor(orgId: string, projectId: string | null): Promise<boolean> {
    return this.rules.anyEnabledFor(orgId, projectId);
  }

  async evaluateForRecord(manager: EntityManager, record: RecordToEvaluate): Promise<AlertEventEntity[]> {
    const rules = await this.rules.findEnabledFor(record.orgId, record.projectId, manager);
    const matches: Array<{ rule: AlertRuleEntity; event: NewAlertEvent }> = [];
    let admins: string[] | undefined;
    for (const rule of rules) {
      const evaluation = evaluateCondition(rule.condition, record.facts);
      if (!evaluation.matched) continue;
      // The email action without addresses mails the organisation's admins as they are when the alert fires.
      const recipients = !rule.actions.includes('email')
        ? []
        : rule.emails.length > 0
          ? rule.emails
          : (admins ??= await this.users.adminEmails(record.orgId, manager));
      matches.push({
        rule,
        event: {
          id: newId('alv'),
          orgId: record.orgId,
          alertId: rule.id,
          recordId: record.recordId,
          recordVersion: record.version,
          recordOwnerId: record.ownerId ?? null,
          matched: evaluation.leaf,
          emailRecipients: recipients,
        },
      });
    }
    const created = await this.events.insertNew(
      manager,
      matches.map((match) => match.event),
    );
    for (const event of created) {
      const rule = matches.find((match) => match.rule.id === event.alertId)!.rule;
      if (!rule.actions.includes('webhook')) continue;
      await this.outbox.add(manager, {
        orgId: record.orgId,
        type: 'alert.triggered',
        dedupeKey: `alert.triggered:${rule.id}:${record.recordId}:${record.version}`,
        data: { ...presentAlertEvent(event), alertName: rule.name, projectId: record.projectId },
      });
    }
    return created;
  }

  /** Removes the events of deleted records (called inside the records' deleting transaction). */
  deleteEventsOfRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    return this.events.deleteForRecords(orgId, recordIds, manager);
  }

  // --- internals -----------------------------------------------------------------------------

  private async findRule(orgId: string, id: string): Promise<AlertRuleEntity> {
    const rule = await this.rules.findOne(orgId, id);
    if (!rule) throw alertNotFound();
    return rule;
  }

  private checkCondition(input: unknown) {
    const result = validateCondition(input);
    if (result.condition === undefined) throw invalidCondition(result.problems);
    return result.condition;
  }

  private checkEmails(actions: AlertAction[], emails: string[]): string[] {
    if (!actions.includes('email') && emails.length > 0)
      throw invalidAlertField('emails', 'are only used with the email action; add "email" to actions');
    return emails.map((email) => email.trim().toLowerCase());
  }
}
