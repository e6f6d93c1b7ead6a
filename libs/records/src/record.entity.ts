import type { RecordFeatures } from './lifecycle/features';
import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';

export const PROCESSING_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];
export const PROCESSING_STAGES = [
  'uploading',
  'queued',
  'transcribing',
  'analyzing',
  'alerting',
  'done',
] as const;
export type ProcessingStage = (typeof PROCESSING_STAGES)[number];
export const DIRECTIONS = ['IN', 'OUT', 'INTERNAL'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const RECORD_SOURCES = ['upload', 'signed-upload', 'tus', 'ingest', 'import'] as const;

export interface Party {
  fullName?: string;
  phoneNumber?: string;
}

/** A span of the call not to transcribe (Genesys pause/resume masks), in seconds from the start. */
export interface AudioMask {
  startTime: number;
  endTime: number;
}

export interface ProcessingError {
  stage: string;
  message: string;
  at: string;
}

/** numeric columns come back from pg as strings; the API speaks numbers. */
const numeric = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

@Entity('records')
export class RecordEntity extends TenantEntity {
  @Column('text')
  projectId: string;

  @Column('text', { nullable: true })
  ownerId: string | null;

  @Column('text', { default: 'call' })
  type: 'call' | 'transcript';

  @Column('text', { nullable: true })
  title: string | null;

  @Column('text', { nullable: true })
  direction: Direction | null;

  @Column('jsonb', { nullable: true })
  from: Party | null;

  @Column('jsonb', { nullable: true })
  to: Party | null;

  @Column('text', { nullable: true })
  agentName: string | null;

  @Column('text', { nullable: true })
  customerPhone: string | null;

  @Column('timestamptz', { nullable: true })
  date: Date | null;

  @Column('text', { nullable: true })
  language: string | null;

  @Column('text')
  source: string;

  /** Where URL ingest pulls the audio from; never shown back in full to other callers. */
  @Column('text', { nullable: true })
  sourceUrl: string | null;

  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('jsonb', { default: {} })
  metadata: Record<string, unknown>;

  @Column('jsonb', { default: [] })
  masks: AudioMask[];

  /** Imported media descriptors (Genesys mediaFiles), merged by mediaId. */
  @Column('jsonb', { default: [] })
  media: Array<Record<string, unknown>>;

  /** Id of the pending signed upload while the record waits for its bytes. */
  @Column('text', { nullable: true })
  uploadId: string | null;

  @Column('text', { nullable: true })
  storageKey: string | null;

  @Column('bigint', { nullable: true, transformer: numeric })
  sizeBytes: number | null;

  @Column('text', { nullable: true })
  format: string | null;

  @Column('text', { nullable: true })
  codec: string | null;

  @Column('integer', { nullable: true })
  sampleRate: number | null;

  @Column('smallint', { nullable: true })
  channels: number | null;

  @Column('numeric', { nullable: true, transformer: numeric })
  duration: number | null;

  @Column('text', { default: 'pending' })
  processingStatus: ProcessingStatus;

  @Column('text', { default: 'queued' })
  processingStage: ProcessingStage;

  @Column('smallint', { default: 0 })
  analysisStatus: number;

  @Column('jsonb', { default: [] })
  processingErrors: ProcessingError[];

  @Column('integer', { default: 1 })
  pipelineVersion: number;

  /** Status of each thing the pipeline produces, written by the stage that owns it (lifecycle/features.ts). */
  @Column('jsonb', { default: {} })
  features: RecordFeatures;

  @Column('numeric', { nullable: true, transformer: numeric })
  qualityScore: number | null;

  @Column('numeric', { nullable: true, transformer: numeric })
  sentimentScore: number | null;

  @Column('text', { nullable: true })
  sentimentLabel: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** Scorecard chosen for this record by a re-analysis; the project's (or the default) otherwise. */
  @Column('text', { nullable: true })
  analysisProfileId: string | null;

  /** Set by DELETE /records/:id: hidden from every list and view until restored or purged. */
  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;

  @Column('text', { nullable: true })
  deletedBy: string | null;

  /** Under legal hold the record can be neither deleted nor purged (409) until the hold is lifted. */
  @Column('boolean', { default: false })
  legalHold: boolean;

  /** Set when a retention policy removed the audio: GET .../audio answers 410 from then on. */
  @Column('timestamptz', { nullable: true })
  audioDeletedAt: Date | null;

  /** Set when a retention policy removed the transcript (and its search entries). */
  @Column('timestamptz', { nullable: true })
  transcriptDeletedAt: Date | null;

  /** The CRM customer the call is about (libs/crm matches it; PATCH crmCustomerId links by hand). */
  @Column('text', { nullable: true })
  crmCustomerId: string | null;

  @Column('text', { nullable: true })
  crmMatchingSource: 'DIRECT' | 'FUZZY' | 'NOT_FOUND' | 'MANUAL' | null;

  /** Every customer the call's numbers could mean, when more than one could. */
  @Column('jsonb', { nullable: true })
  crmCandidates: string[] | null;
}
