import { presentFeatures } from './lifecycle/features';
import { roleAtLeast, TenantContext } from '@app/core';
import type { RecordTag } from './tags/tags.repository';
import type { Party, RecordEntity } from './record.entity';

/** `+15551234567` → `+1***4567`: enough to recognise a caller, not enough to call them. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '***';
  const lead = phone.startsWith('+') ? `+${digits[0]}` : digits[0];
  return `${lead}***${digits.slice(-4)}`;
}

const seesPhones = (ctx: TenantContext) => roleAtLeast(ctx.role, 'supervisor');

export interface RecordViewExtras {
  tags: Array<Pick<RecordTag, 'id' | 'value'>>;
  hasNotes: boolean;
}

/** The api.md record shape, with the customer's number masked below supervisor. */
export function presentRecord(record: RecordEntity, ctx: TenantContext, extras: RecordViewExtras) {
  const mask = !seesPhones(ctx);
  const party = (value: Party | null): Party | null => {
    if (!value || !mask || !value.phoneNumber) return value;
    return value.phoneNumber === record.customerPhone
      ? { ...value, phoneNumber: maskPhone(value.phoneNumber) ?? undefined }
      : value;
  };
  return {
    id: record.id,
    projectId: record.projectId,
    ownerId: record.ownerId,
    type: record.type,
    title: record.title,
    direction: record.direction,
    from: party(record.from),
    to: party(record.to),
    agentName: record.agentName,
    customerPhone: mask ? maskPhone(record.customerPhone) : record.customerPhone,
    // Without a call date, the record is dated by its arrival (as stored: see the records_date_default trigger).
    date: (record.date ?? record.createdAt).toISOString(),
    duration: record.duration,
    channels: record.channels,
    sampleRate: record.sampleRate,
    format: record.format,
    codec: record.codec,
    sizeBytes: record.sizeBytes,
    language: record.language,
    source: record.source,
    /** AICA's name for processingStatus. */
    status: record.processingStatus,
    processingStatus: record.processingStatus,
    processingStage: record.processingStage,
    processingErrors: record.processingErrors,
    features: presentFeatures(record),
    qualityScore: record.qualityScore,
    analysisResult: {
      score: record.sentimentScore,
      sentiment: record.processingStatus === 'failed' ? 'ERROR' : record.sentimentLabel,
      status: record.analysisStatus,
    },
    tags: extras.tags.map(({ id, value }) => ({ id, value })),
    hasNotes: extras.hasNotes,
    externalId: record.externalId,
    metadata: record.metadata,
    masks: record.masks,
    media: record.media,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    legalHold: record.legalHold,
    audioDeletedAt: record.audioDeletedAt?.toISOString() ?? null,
    transcriptDeletedAt: record.transcriptDeletedAt?.toISOString() ?? null,
    deleted: record.deletedAt !== null,
    deletedAt: record.deletedAt?.toISOString() ?? null,
    deletedBy: record.deletedBy,
  };
}

export type RecordView = ReturnType<typeof presentRecord>;
