import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, AppError, newId, ownerFilterFor, TenantContext, validationFailed } from '@app/core';
import { DatabaseService } from '@app/database';
import {
  ProjectsService,
  RecordAudioService,
  RecordIntakeService,
  RecordDeletionService,
  RecordLifecycleService,
  RecordsService,
  SuppliedTranscripts,
} from '@app/records';
import { TranscriptsService } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import { ContactsService } from '../contacts/contacts.service';
import { DefaultProjectsRepository } from '../defaults/default-projects.repository';
import { parseTranscriptFile } from '../sentences/transcript-file';
import {
  checkUtterances,
  parseLabels,
  SpeakerLabels,
  transcriptFromUtterances,
  Utterance,
  UtteranceLimits,
} from '../sentences/utterances';
import { transcribeNotFound, unknownContact, unknownProject } from '../transcribes.errors';
import { CreateTranscribeDto, GetTranscribeQuery, ListTranscribesQuery } from './dto/create-transcribe.dto';
import { presentTranscribe, TranscribeView } from './transcribe.presenter';
import { TranscribeEntryEntity } from './transcribe-entry.entity';
import { TranscribeEntity } from './transcribe.entity';
import { TranscribeEntriesRepository } from './transcribe-entries.repository';
import { TranscribesRepository } from './transcribes.repository';

export const DEFAULT_TRANSCRIBES_PROJECT = 'Transcribes';
/** Typed conversations carry no language hint; analysis and search read them as English. */
const TRANSCRIBE_LANGUAGE = 'en';
const MAX_AUTHOR_CHARS = 200;

/**
 * Typed conversations with a contact. Each is backed by a record of type `transcript` whose transcript comes from
 * the utterances, so it enters the pipeline at analysis and gets scores, alerts, search and webhooks like a call.
 */
@Injectable()
export class TranscribesService {
  private readonly logger = new Logger(TranscribesService.name);
  private readonly labels: SpeakerLabels;
  private readonly limits: UtteranceLimits;

  constructor(
    config: AppConfig,
    private readonly transcribes: TranscribesRepository,
    private readonly entries: TranscribeEntriesRepository,
    private readonly defaults: DefaultProjectsRepository,
    private readonly contacts: ContactsService,
    private readonly records: RecordsService,
    private readonly intake: RecordIntakeService,
    private readonly audio: RecordAudioService,
    private readonly projects: ProjectsService,
    private readonly transcripts: TranscriptsService,
    private readonly outbox: OutboxService,
    private readonly lifecycle: RecordLifecycleService,
    private readonly deletion: RecordDeletionService,
    private readonly database: DatabaseService,
  ) {
    this.labels = {
      agent: parseLabels(config.TRANSCRIBE_AGENT_LABELS),
      customer: parseLabels(config.TRANSCRIBE_CUSTOMER_LABELS),
    };
    this.limits = {
      maxEntries: config.TRANSCRIBE_MAX_ENTRIES,
      maxTextChars: config.TRANSCRIBE_MAX_ENTRY_CHARS,
      maxAuthorChars: MAX_AUTHOR_CHARS,
    };
  }

  /** A page of transcribes; `include` adds each one's contents and contact (one query each, not one per row). */
  async list(
    ctx: TenantContext,
    query: ListTranscribesQuery,
    include: { contents?: boolean; contact?: boolean } = {},
  ): Promise<[TranscribeView[], number, string | null]> {
    const [rows, total, nextCursor] = await this.transcribes.listLive(
      ctx.orgId,
      { contactId: query.contact, ownerId: ownerFilterFor(ctx) },
      query,
    );
    const [entries, contacts] = await Promise.all([
      include.contents
        ? this.entries.ofTranscribes(
            ctx.orgId,
            rows.map((row) => row.id),
          )
        : [],
      include.contact
        ? this.contacts.findMany(ctx.orgId, [...new Set(rows.map((row) => row.contactId))])
        : [],
    ]);
    const contactById = new Map(contacts.map((contact) => [contact.id, contact]));
    return [
      rows.map((row) =>
        presentTranscribe(row, {
          entries: include.contents ? entries.filter((entry) => entry.transcribeId === row.id) : undefined,
          contact: contactById.get(row.contactId),
        }),
      ),
      total,
      nextCursor,
    ];
  }

  async get(ctx: TenantContext, id: string, query: GetTranscribeQuery = {}): Promise<TranscribeView> {
    const transcribe = await this.findVisible(ctx, id);
    const [entries, contact] = await Promise.all([
      this.entries.ofTranscribe(ctx.orgId, id),
      query.associations === 'transcribe.contact'
        ? this.contacts.find(ctx.orgId, transcribe.contactId)
        : Promise.resolve(null),
    ]);
    return presentTranscribe(transcribe, { entries, contact });
  }

  /**
   * In one transaction: the transcript record (with `record.created`), the transcribe and its entries, the
   * transcript (version 1) and `transcribe.created`. After the commit the record is queued for analysis; if that
   * enqueue fails, the pipeline's stale-record sweep queues it again.
   */
  async create(ctx: TenantContext, dto: CreateTranscribeDto): Promise<TranscribeView> {
    const problems = checkUtterances(dto.contents, this.limits);
    if (problems.length > 0) throw validationFailed(problems[0].message, problems);
    const utterances = (dto.contents as Utterance[]).map(({ timestamp, author, text }) => ({
      timestamp,
      author: author.trim(),
      text: text.trim(),
    }));
    const contact = await this.contacts.find(ctx.orgId, dto.contact);
    if (!contact) throw unknownContact();
    const ownerId = this.intake.resolveOwner(ctx);
    const projectId = dto.projectId ?? (await this.defaultProjectOf(ctx));
    if (dto.projectId) await this.assertProject(ctx.orgId, dto.projectId);
    const transcript = transcriptFromUtterances(utterances, this.labels, TRANSCRIBE_LANGUAGE);

    const { transcribe, entries, record } = await this.database.transaction(async (manager) => {
      if (!(await this.contacts.holdForTranscribe(ctx.orgId, contact.id, manager))) throw unknownContact();
      const record = await this.intake.createTranscriptRecord(manager, {
        orgId: ctx.orgId,
        projectId,
        ownerId,
        source: 'transcribe',
        title: `Conversation with ${contact.displayName ?? contact.id}`.slice(0, 200),
        language: TRANSCRIBE_LANGUAGE,
        duration: transcript.duration,
      });
      const transcribe = await this.transcribes.insert(
        ctx.orgId,
        { id: newId('trb'), contactId: contact.id, projectId, recordId: record.id, ownerId, deletedAt: null },
        manager,
      );
      const now = new Date();
      const entries = utterances.map((utterance, position) =>
        Object.assign(new TranscribeEntryEntity(), {
          id: newId('tre'),
          orgId: ctx.orgId,
          transcribeId: transcribe.id,
          position,
          ...utterance,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.entries.insertAll(entries, manager);
      await this.transcripts.save(ctx.orgId, record.id, record.pipelineVersion, transcript, manager);
      await this.outbox.add(manager, {
        orgId: ctx.orgId,
        type: 'transcribe.created',
        dedupeKey: `transcribe.created:${transcribe.id}`,
        data: { ...presentTranscribe(transcribe), entryCount: entries.length },
      });
      return { transcribe, entries, record };
    });
    await this.lifecycle.continue(record);
    return presentTranscribe(transcribe, { entries });
  }

  /** The records of the transcribes (live or deleted) of these contacts: what an erasure of them must purge. */
  async recordIdsOfContacts(orgId: string, contactIds: string[]): Promise<string[]> {
    if (contactIds.length === 0) return [];
    const rows = (await this.database.transaction((manager) =>
      manager.query(`SELECT record_id FROM transcribes WHERE org_id = $1 AND contact_id = ANY($2::text[])`, [
        orgId,
        contactIds,
      ]),
    )) as Array<{ record_id: string }>;
    return rows.map((row) => row.record_id);
  }

  /** Soft delete: the transcribe answers 404 from now on; its record (and with it search entries) is deleted. */
  async remove(ctx: TenantContext, id: string, permanent = false): Promise<void> {
    const transcribe = await this.findVisible(ctx, id);
    // As a record's: hidden (restorable with POST /records/:recordId/restore) or, with permanent, purged by an admin;
    // a legal hold blocks both.
    await (
      permanent
        ? this.deletion.purge(ctx, transcribe.recordId)
        : this.deletion.softDelete(ctx, transcribe.recordId)
    ).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? transcribeNotFound() : error;
    });
  }

  /** Transcripts sent with calls (POST /records/upload `transcript`): WebVTT, SRT or JSON utterances. */
  readonly suppliedTranscripts: SuppliedTranscripts = {
    parse: (text) =>
      transcriptFromUtterances(parseTranscriptFile(text, this.limits), this.labels, TRANSCRIBE_LANGUAGE),
    save: async (orgId, recordId, version, transcript, manager) => {
      await this.transcripts.save(orgId, recordId, version, transcript, manager);
    },
  };

  /** Records deleted through DELETE /records/:id take their transcribes with them (in the same transaction). */
  hideTranscribesOfRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    return this.transcribes.softDeleteOfRecords(orgId, recordIds, manager);
  }

  purgeTranscribesOfRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    return this.transcribes.deleteOfRecords(orgId, recordIds, manager);
  }

  restoreTranscribeOfRecord(orgId: string, recordId: string, manager: EntityManager): Promise<void> {
    return this.transcribes.restoreOfRecord(orgId, recordId, manager);
  }

  private async findVisible(ctx: TenantContext, id: string): Promise<TranscribeEntity> {
    const transcribe = await this.transcribes.findLive(ctx.orgId, id);
    const owner = ownerFilterFor(ctx);
    if (!transcribe || (owner && transcribe.ownerId !== owner)) throw transcribeNotFound();
    return transcribe;
  }

  private async assertProject(orgId: string, projectId: string): Promise<void> {
    try {
      await this.intake.assertProject(orgId, projectId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw unknownProject();
      throw error;
    }
  }

  /**
   * The organisation's "Transcribes" project, created on first use. Found without a lock when it exists (every
   * transcribe after the first); only creating it takes the advisory lock, so concurrent first transcribes agree on
   * one project. A default project deleted since is replaced.
   */
  private async defaultProjectOf(ctx: TenantContext): Promise<string> {
    const known = await this.defaults.find(ctx.orgId);
    if (known && (await this.projectExists(ctx.orgId, known))) return known;
    return this.database.transaction(async (manager) => {
      await this.defaults.lock(ctx.orgId, manager);
      const existing = await this.defaults.find(ctx.orgId, manager);
      if (existing && (await this.projectExists(ctx.orgId, existing, manager))) return existing;
      const project = await this.projects.create(ctx, {
        name: DEFAULT_TRANSCRIBES_PROJECT,
        description: 'Typed and imported conversations (transcribes) without a project of their own',
      });
      await this.defaults.save(ctx.orgId, project.id, manager);
      return project.id;
    });
  }

  private projectExists(orgId: string, projectId: string, manager?: EntityManager): Promise<boolean> {
    return this.intake
      .assertProject(orgId, projectId, manager)
      .then(() => true)
      .catch(() => false);
  }
}
