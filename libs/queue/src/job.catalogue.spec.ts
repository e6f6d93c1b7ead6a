import { JobName, optionsFor, QUEUE_OF_JOB, QueueName } from './job.catalogue';

describe('job catalogue', () => {
  it('gives a stage job a deterministic id per record, stage and version', () => {
    const data = { recordId: 'rec_1', orgId: 'org_1', version: 2 };
    expect(optionsFor({ name: JobName.TranscribeRecord, data }).jobId).toBe('rec_1:transcription:2');
    expect(optionsFor({ name: JobName.AnalyzeRecord, data }).jobId).toBe('rec_1:analysis:2');
    expect(optionsFor({ name: JobName.AnalyzeRecord, data: { ...data, version: 3 } }).jobId).toBe(
      'rec_1:analysis:3',
    );
  });

  it('retries stage jobs with exponential backoff and bounds retention', () => {
    const options = optionsFor({
      name: JobName.EvaluateAlerts,
      data: { recordId: 'r', orgId: 'o', version: 1 },
    });
    expect(options.attempts).toBeGreaterThan(1);
    expect(options.backoff).toMatchObject({ type: 'exponential' });
    expect(options.removeOnComplete).toBeDefined();
    expect(options.removeOnFail).toBeDefined();
  });

  it('maps every job to a queue', () => {
    for (const name of Object.values(JobName)) expect(Object.values(QueueName)).toContain(QUEUE_OF_JOB[name]);
  });
});
