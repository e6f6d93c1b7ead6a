import { DeliveriesRepository, deliveryKey } from './deliveries.repository';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { SuccessRecorder } from './success-recorder';

const attempt = (deliveryId: string, number = 1): DeliveryAttempt => ({
  deliveryId,
  attempt: number,
  orgId: 'org_1',
  attemptedAt: new Date(),
  statusCode: 204,
  durationMs: 3,
  responseSnippet: null,
  error: null,
});

/** A repository whose statements finish when the test says so; each call records the batch it was given. */
function controlledRepository() {
  const calls: Array<{ batch: DeliveryAttempt[]; finish: (error?: Error) => void }> = [];
  const repository = {
    recordSuccesses: (batch: DeliveryAttempt[]) =>
      new Promise<Set<string>>((resolve, reject) => {
        calls.push({
          batch,
          finish: (error) =>
            error ? reject(error) : resolve(new Set(batch.map((a) => deliveryKey(a.deliveryId, a.attempt)))),
        });
      }),
  };
  return { calls, recorder: new SuccessRecorder(repository as unknown as DeliveriesRepository) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SuccessRecorder', () => {
  it('settles the first success at once and those arriving meanwhile together in the next statement', async () => {
    const { calls, recorder } = controlledRepository();
    const first = recorder.record(attempt('dlv_a'));
    await tick();
    const later = [recorder.record(attempt('dlv_b')), recorder.record(attempt('dlv_c'))];
    expect(calls.map((call) => call.batch.map((a) => a.deliveryId))).toEqual([['dlv_a']]);
    calls[0].finish();
    await expect(first).resolves.toBe(true);
    await tick();
    expect(calls.map((call) => call.batch.map((a) => a.deliveryId))).toEqual([['dlv_a'], ['dlv_b', 'dlv_c']]);
    calls[1].finish();
    await expect(Promise.all(later)).resolves.toEqual([true, true]);
  });

  it('answers false for the second of two identical attempts in one batch', async () => {
    const { calls, recorder } = controlledRepository();
    const blocker = recorder.record(attempt('dlv_x'));
    await tick();
    const twice = [recorder.record(attempt('dlv_y', 2)), recorder.record(attempt('dlv_y', 2))];
    calls[0].finish();
    await blocker;
    await tick();
    calls[1].finish();
    await expect(Promise.all(twice)).resolves.toEqual([true, false]);
  });

  it('runs a batch again once when it lost a deadlock', async () => {
    const { calls, recorder } = controlledRepository();
    const settled = recorder.record(attempt('dlv_a'));
    await tick();
    calls[0].finish(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
    await tick();
    expect(calls.map((call) => call.batch.map((a) => a.deliveryId))).toEqual([['dlv_a'], ['dlv_a']]);
    calls[1].finish();
    await expect(settled).resolves.toBe(true);
  });

  it('fails every attempt of a failed batch and keeps settling afterwards', async () => {
    const { calls, recorder } = controlledRepository();
    const failing = recorder.record(attempt('dlv_a'));
    await tick();
    calls[0].finish(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    const next = recorder.record(attempt('dlv_b'));
    await tick();
    calls[1].finish();
    await expect(next).resolves.toBe(true);
  });
});
