import { uuidOf } from '@app/core';
import type { ContactView, TranscribeEntryView, TranscribeView } from '@app/transcribes';

/** Rechat's timestamps: unix seconds, fractional. */
const unixSeconds = (iso: string) => Date.parse(iso) / 1000;

/** The UUID Rechat knows a contact by: its own when it came from Rechat, else the UUID form of Parley's id. */
export const rechatContactId = (contact: Pick<ContactView, 'id' | 'externalRef'>) =>
  contact.externalRef ?? uuidOf(contact.id);

export function rechatContact(contact: ContactView, brand: string) {
  const emails = contact.email ? [contact.email] : [];
  const phones = contact.phoneNumber ? [contact.phoneNumber] : [];
  return {
    id: rechatContactId(contact),
    display_name: contact.displayName,
    brand,
    brand_id: brand,
    sort_field: contact.displayName,
    first_name: contact.firstName,
    last_name: contact.lastName,
    email: contact.email,
    primary_email: contact.email,
    emails,
    phone_number: contact.phoneNumber,
    primary_phone_number: contact.phoneNumber,
    phone_numbers: phones,
    company: contact.company,
    created_at: unixSeconds(contact.createdAt),
    updated_at: unixSeconds(contact.updatedAt),
    deleted_at: null,
    type: 'contact' as const,
  };
}

export const rechatEntry = (entry: TranscribeEntryView) => ({
  id: uuidOf(entry.id),
  transcribe: uuidOf(entry.transcribe),
  timestamp: entry.timestamp,
  author: entry.author,
  text: entry.text,
  created_at: unixSeconds(entry.createdAt),
  type: 'transcribe_entry' as const,
});

/**
 * A transcribe as Rechat's API shows it: UUIDs, unix seconds, `entries` (null when there are none), and the contact
 * inlined when `transcribe.contact` was asked for (its UUID otherwise). The view should carry the contact loaded:
 * a contact that came from Rechat is known by Rechat's UUID, not by the UUID form of Parley's id.
 */
export function rechatTranscribe(transcribe: TranscribeView, brand: string, inlineContact: boolean) {
  const contact =
    typeof transcribe.contact === 'string'
      ? uuidOf(transcribe.contact)
      : inlineContact
        ? rechatContact(transcribe.contact, brand)
        : rechatContactId(transcribe.contact);
  const creator = transcribe.ownerId ? uuidOf(transcribe.ownerId) : null;
  return {
    id: uuidOf(transcribe.id),
    brand,
    contact,
    user: creator,
    created_at: unixSeconds(transcribe.createdAt),
    updated_at: unixSeconds(transcribe.updatedAt),
    deleted_at: null,
    created_by: creator,
    updated_by: null,
    type: 'transcribe' as const,
    entries: transcribe.contents?.length ? transcribe.contents.map(rechatEntry) : null,
  };
}

/** Rechat's envelope: `{ code: "OK", data, info? }`. */
export const rechatOk = <T>(data: T, info?: { count: number; total: number }) => ({
  code: 'OK' as const,
  data,
  ...(info ? { info } : {}),
});
