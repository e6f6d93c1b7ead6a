import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { FollowupStatus } from './followup-states';
import type { FollowupEvidence, FollowupSource, FollowupType } from './followup-types';

/** One entry of a follow-up's history: a status change or a note, and who made it (null: the system). */
export interface FollowupHistoryEntry {
  id: string;
  status: FollowupStatus;
  note: string | null;
  updatedByUserId: string | null;
  createdAt: string;
}

/** An action item of a call: found in the conversation (source `ai`) or added by a person. */
@Entity('followups')
export class FollowupEntity extends TenantEntity {
  @Column('text')
  recordId: string;

  /** The record's project, copied for the cross-call list's filter. */
  @Column('text')
  projectId: string;

  @Column('text')
  type: FollowupType;

  @Column('text')
  text: string;

  @Column('text')
  source: FollowupSource;

  @Column('jsonb', { nullable: true })
  evidence: FollowupEvidence | null;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('text', { nullable: true })
  ownerId: string | null;

  @Column('text')
  status: FollowupStatus;

  @Column('boolean', { default: false })
  starred: boolean;

  @Column('jsonb')
  history: FollowupHistoryEntry[];

  /** For follow-ups found by the analysis: the utterance they came from, so re-analyses store each once. */
  @Column('text', { nullable: true })
  aiKey: string | null;
}
