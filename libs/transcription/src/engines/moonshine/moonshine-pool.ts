import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PermanentTranscriptionError, TransientTranscriptionError } from '../../transcription.errors';
import { RecognizedWord } from '../transcription-engine';
import { MoonshineReply, MoonshineRequest, MoonshineThreadData, TrackStatistics } from './moonshine-protocol';

export interface TrackResult {
  words: RecognizedWord[];
  statistics: TrackStatistics;
}

interface Job {
  id: number;
  path: string;
  signal?: AbortSignal;
  /** Longest the track may take once a thread has it (waiting in line does not count). */
  timeoutMs: number;
  timer?: NodeJS.Timeout;
  timedOut?: boolean;
  resolve(result: TrackResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** How long a closing thread may take to finish the segment in hand and release its sessions. */
const THREAD_CLOSE_MS = 10_000;

/** The model failed to load in a worker thread (corrupt file, onnxruntime missing for this platform). */
export class ModelLoadError extends Error {}

/**
 * Worker threads that each hold the model and transcribe one track at a time; tracks beyond the pool's size wait
 * in order. Inference blocks the thread it runs on, so it never runs on the main thread's event loop. A thread that
 * dies is replaced and its track fails with a transient error (the stage retries it).
 */
export class MoonshinePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private starting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: MoonshineThreadData & { size: number }) {}

  /** Starts every thread and waits until each has loaded the model; rejects with ModelLoadError otherwise. */
  start(): Promise<void> {
    pinNativeAddon();
    this.starting ??= Promise.all(Array.from({ length: this.options.size }, () => this.spawn())).then(
      () => undefined,
      async (error: unknown) => {
        await this.close();
        throw error;
      },
    );
    return this.starting;
  }

  async transcribe(path: string, timeoutMs: number, signal?: AbortSignal): Promise<TrackResult> {
    await this.start();
    if (this.closed) throw new TransientTranscriptionError('The speech engine is shutting down');
    signal?.throwIfAborted();
    return new Promise<TrackResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, path, signal, timeoutMs, resolve, reject };
      signal?.addEventListener('abort', () => this.abort(job), { once: true });
      this.waiting.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0))
      job.reject(new TransientTranscriptionError('The speech engine stopped'));
    await Promise.all(this.slots.splice(0).map((slot) => this.stopThread(slot)));
  }

  /** Asks the thread to release its sessions and end; terminates it only if it does not within a few seconds. */
  private async stopThread(slot: Slot): Promise<void> {
    slot.job?.reject(new TransientTranscriptionError('The speech engine stopped'));
    clearTimeout(slot.job?.timer);
    slot.job = null;
    const ended = once(slot.worker, 'exit', { signal: AbortSignal.timeout(THREAD_CLOSE_MS) }).then(
      () => true,
      () => false,
    );
    slot.worker.postMessage({ type: 'close' } satisfies MoonshineRequest);
    if (!(await ended)) await slot.worker.terminate();
  }

  private spawn(): Promise<void> {
    const worker = threadWorker(this.options);
    const slot: Slot = { worker, job: null };
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (reply: MoonshineReply) => {
        if (reply.type === 'ready') {
          ready = true;
          this.slots.push(slot);
          resolve();
          this.dispatch();
        } else if (reply.type === 'load-failed') {
          reject(new ModelLoadError(reply.message));
          void worker.terminate();
        } else this.settle(slot, reply);
      });
      worker.on('error', (error) => {
        if (!ready) reject(new ModelLoadError(error.message));
        else this.replace(slot, error);
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new ModelLoadError(`the speech engine's thread exited with code ${code}`));
        else if (!this.closed) this.replace(slot, new Error(`thread exited with code ${code}`));
      });
    });
  }

  /** A thread died mid-track (out of memory, a native crash): fail its track for a retry, start another thread. */
  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const job = slot.job;
    slot.job = null;
    clearTimeout(job?.timer);
    job?.reject(new TransientTranscriptionError(`The speech engine failed: ${error.message}`));
    void slot.worker.terminate();
    if (!this.closed)
      this.spawn().catch((spawnError: unknown) => {
        for (const waiting of this.waiting.splice(0))
          waiting.reject(
            new TransientTranscriptionError(`The speech engine could not restart: ${String(spawnError)}`),
          );
      });
  }

  private settle(slot: Slot, reply: Exclude<MoonshineReply, { type: 'ready' | 'load-failed' }>): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    slot.job = null;
    clearTimeout(job.timer);
    if (reply.type === 'done') job.resolve({ words: reply.words, statistics: reply.statistics });
    else if (reply.type === 'cancelled' && job.timedOut)
      job.reject(
        new TransientTranscriptionError(
          `Recognition took longer than ${job.timeoutMs / 1000} s and was stopped`,
        ),
      );
    else if (reply.type === 'cancelled')
      job.reject(new TransientTranscriptionError('Recognition was cancelled'));
    else if (reply.permanent)
      job.reject(new PermanentTranscriptionError(`Recognition failed: ${reply.message}`));
    else job.reject(new TransientTranscriptionError(`Recognition failed: ${reply.message}`));
    this.dispatch();
  }

  private abort(job: Job): void {
    const waitingAt = this.waiting.indexOf(job);
    if (waitingAt >= 0) {
      this.waiting.splice(waitingAt, 1);
      job.reject(new TransientTranscriptionError('Recognition was cancelled'));
      return;
    }
    const slot = this.slots.find((candidate) => candidate.job === job);
    slot?.worker.postMessage({ type: 'cancel', id: job.id } satisfies MoonshineRequest);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.waiting.length === 0) continue;
      const job = this.waiting.shift()!;
      slot.job = job;
      job.timer = setTimeout(() => {
        job.timedOut = true;
        slot.worker.postMessage({ type: 'cancel', id: job.id } satisfies MoonshineRequest);
      }, job.timeoutMs);
      slot.worker.postMessage({ type: 'transcribe', id: job.id, path: job.path } satisfies MoonshineRequest);
    }
  }
}

/**
 * Loads onnxruntime's native addon in the main thread and keeps it for the life of the process. Once a thread that
 * loaded it exits, the addon is unloaded, and no later thread can load it again ("Module did not self-register"):
 * a thread replaced after a crash, or a second engine in the same process, would fail. Node's own require (not a
 * test runner's per-file registry) caches it process-wide.
 */
function pinNativeAddon(): void {
  createRequire(__filename)('onnxruntime-node');
}

/**
 * The thread runs the compiled file in production; under jest (sources in TypeScript) it loads the .ts file through
 * the repository's require hook, the way jest transpiles it.
 */
function threadWorker(data: MoonshineThreadData): Worker {
  const compiled = join(__dirname, 'moonshine.thread.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: data });
  const source = join(__dirname, 'moonshine.thread.ts');
  const hook = join(__dirname, '..', '..', '..', '..', '..', 'scripts', 'ts-hook.cjs');
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(source)});`, {
    eval: true,
    workerData: data,
  });
}
