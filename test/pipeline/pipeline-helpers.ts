import { bearer, TestUser } from '../support/auth';
import type { TestApp } from '../support/test-app';

export interface ObservedState {
  processingStatus: string;
  processingStage: string;
  status: number;
}

/**
 * Polls GET /records/:id until the record is completed or failed, remembering every distinct state seen on the
 * way (in order), so a test can check the transitions.
 */
export async function waitForRecord(
  t: TestApp,
  user: TestUser,
  recordId: string,
  timeoutMs = 90_000,
): Promise<{ record: Record<string, unknown> & { processingStatus: string }; seen: ObservedState[] }> {
  const seen: ObservedState[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.http.get(`/api/v1/records/${recordId}`).set(bearer(user));
    if (response.status !== 200)
      throw new Error(`GET record: ${response.status} ${JSON.stringify(response.body)}`);
    const record = response.body.data;
    const state = {
      processingStatus: record.processingStatus,
      processingStage: record.processingStage,
      status: record.analysisResult.status,
    };
    const last = seen[seen.length - 1];
    if (
      !last ||
      last.processingStage !== state.processingStage ||
      last.processingStatus !== state.processingStatus
    )
      seen.push(state);
    if (record.processingStatus === 'completed' || record.processingStatus === 'failed')
      return { record, seen };
    if (Date.now() > deadline) throw new Error(`record ${recordId} still ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The environment of a real worker process that shares a test app's database, queues and storage. */
export function workerEnv(t: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    DATABASE_URL: t.config.DATABASE_URL,
    REDIS_URL: t.config.REDIS_URL,
    QUEUE_PREFIX: t.config.QUEUE_PREFIX,
    STORAGE_DIR: t.storageDir,
    MIGRATIONS_RUN_AT_START: 'false',
    ...extra,
  };
}
