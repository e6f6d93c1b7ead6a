import { Injectable } from '@nestjs/common';
import { actorId, forbidden, newId, PaginationQueryDto, roleAtLeast, TenantContext } from '@app/core';
import { RecordExtensions } from '../record-extensions';
import { RecordsService } from '../records.service';
import { noteNotFound } from '../records.errors';
import { NoteEntity } from './note.entity';
import { NotesRepository } from './notes.repository';

export const presentNote = (note: NoteEntity) => ({
  noteId: note.id,
  recordId: note.recordId,
  authorUserId: note.authorUserId,
  noteText: note.noteText,
  createdAt: note.createdAt.toISOString(),
  lastModified: note.updatedAt.toISOString(),
});

@Injectable()
export class NotesService {
  constructor(
    private readonly notes: NotesRepository,
    private readonly records: RecordsService,
    private readonly extensions: RecordExtensions,
  ) {}

  async list(ctx: TenantContext, recordId: string, page: PaginationQueryDto) {
    await this.records.findVisible(ctx, recordId);
    const [rows, total, nextCursor] = await this.notes.findPage(ctx.orgId, { recordId }, page, {
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return [rows.map(presentNote), total, nextCursor] as const;
  }

  async create(ctx: TenantContext, recordId: string, noteText: string) {
    await this.records.findVisible(ctx, recordId);
    const note = await this.notes.insert(ctx.orgId, {
      id: newId('nte'),
      recordId,
      authorUserId: actorId(ctx),
      noteText,
    });
    await this.extensions.runNoteHooks({
      orgId: ctx.orgId,
      recordId,
      noteId: note.id,
      text: noteText,
      createdAt: note.createdAt,
    });
    return presentNote(note);
  }

  async update(ctx: TenantContext, recordId: string, noteId: string, noteText: string) {
    await this.editable(ctx, recordId, noteId);
    await this.notes.update(ctx.orgId, noteId, { noteText });
    await this.extensions.runNoteHooks({ orgId: ctx.orgId, recordId, noteId, text: noteText });
    return presentNote(await this.notes.findOneOrFail(ctx.orgId, noteId, 'Note'));
  }

  async remove(ctx: TenantContext, recordId: string, noteId: string): Promise<void> {
    await this.editable(ctx, recordId, noteId);
    await this.notes.delete(ctx.orgId, noteId);
    await this.extensions.runNoteHooks({ orgId: ctx.orgId, recordId, noteId, text: null });
  }

  /** Only the author or an admin may change a note. */
  private async editable(ctx: TenantContext, recordId: string, noteId: string): Promise<NoteEntity> {
    await this.records.findVisible(ctx, recordId);
    const note = await this.notes.findOne(ctx.orgId, noteId);
    if (!note || note.recordId !== recordId) throw noteNotFound();
    if (note.authorUserId !== actorId(ctx) && !roleAtLeast(ctx.role, 'admin'))
      throw forbidden('Only the author or an admin may change this note');
    return note;
  }
}
