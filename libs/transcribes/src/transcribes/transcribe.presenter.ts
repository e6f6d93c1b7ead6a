import { ContactEntity } from '../contacts/contact.entity';
import { presentContact, ContactView } from '../contacts/contacts.service';
import { TranscribeEntryEntity } from './transcribe-entry.entity';
import { TranscribeEntity } from './transcribe.entity';

export const presentEntry = (entry: TranscribeEntryEntity) => ({
  id: entry.id,
  transcribe: entry.transcribeId,
  timestamp: entry.timestamp,
  author: entry.author,
  text: entry.text,
  createdAt: entry.createdAt.toISOString(),
});

export type TranscribeEntryView = ReturnType<typeof presentEntry>;

export interface TranscribeView {
  id: string;
  /** The contact's id, or the contact itself with `associations=transcribe.contact`. */
  contact: string | ContactView;
  projectId: string;
  recordId: string;
  /** The user the conversation belongs to (who created it, or whom it was assigned to). */
  ownerId: string | null;
  contents?: TranscribeEntryView[];
  createdAt: string;
  updatedAt: string;
}

export function presentTranscribe(
  transcribe: TranscribeEntity,
  parts: { entries?: TranscribeEntryEntity[]; contact?: ContactEntity | null } = {},
): TranscribeView {
  return {
    id: transcribe.id,
    contact: parts.contact ? presentContact(parts.contact) : transcribe.contactId,
    projectId: transcribe.projectId,
    recordId: transcribe.recordId,
    ownerId: transcribe.ownerId,
    ...(parts.entries ? { contents: parts.entries.map(presentEntry) } : {}),
    createdAt: transcribe.createdAt.toISOString(),
    updatedAt: transcribe.updatedAt.toISOString(),
  };
}
