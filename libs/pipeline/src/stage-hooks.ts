import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordEntity } from '@app/records';
import type { ProcessingPatch } from '@app/records';

/** What the analysis stage computed outside the transaction, and how it writes it inside. */
export interface PreparedAnalysis {
  recordPatch: ProcessingPatch;
  commit(manager: EntityManager, record: RecordEntity): Promise<void>;
}

/**
 * The work other contexts do inside the pipeline's stage transactions (usage metering, analysis, search
 * indexing, alert evaluation). Kept apart from PipelineService so the stage machine reads as the state machine it is.
 */
@Injectable()
export class StageHooks {
  async afterTranscription(_manager: EntityManager, _record: RecordEntity, _version: number): Promise<void> {}

  async prepareAnalysis(_record: RecordEntity, _version: number): Promise<PreparedAnalysis> {
    return { recordPatch: {}, commit: async () => undefined };
  }

  async evaluateAlerts(_manager: EntityManager, _record: RecordEntity, _version: number): Promise<void> {}
}
