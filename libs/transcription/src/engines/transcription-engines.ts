import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { cpus } from 'node:os';
import { AppConfig } from '@app/core';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { moonshineModelDir, verifyModelFiles } from './moonshine/model-files';
import { MoonshineEngine } from './moonshine/moonshine.engine';
import { NoneEngine } from './none.engine';
import { OpenAiEngine } from './openai.engine';
import { PocketsphinxEngine } from './pocketsphinx.engine';
import { EngineName, TranscriptionEngine } from './transcription-engine';

/**
 * The engines of this process, built once from AppConfig: `get()` gives the configured default
 * (TRANSCRIPTION_ENGINE), `get(name)` the one a project chose.
 */
@Injectable()
export class TranscriptionEngines implements OnModuleDestroy {
  /**
   * Recognitions at once in this process, whatever record they belong to: pocketsphinx processes, or moonshine
   * worker threads (each holding its own copy of the model).
   */
  readonly limiter: ConcurrencyLimiter;
  private readonly engines = new Map<EngineName, TranscriptionEngine>();

  constructor(private readonly config: AppConfig) {
    this.limiter = new ConcurrencyLimiter(config.ASR_CONCURRENCY ?? Math.max(1, cpus().length));
  }

  get defaultName(): EngineName {
    return this.config.TRANSCRIPTION_ENGINE;
  }

  get(name: EngineName = this.defaultName): TranscriptionEngine {
    let engine = this.engines.get(name);
    if (!engine) {
      engine = this.create(name);
      this.engines.set(name, engine);
    }
    return engine;
  }

  /**
   * Loads and checks the default engine's model. The worker calls it before it takes any job: a missing or corrupt
   * model stops the process at start, with the fix in the message.
   */
  async prepareDefault(): Promise<void> {
    await this.get().prepare?.();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.engines.values()].map((engine) => engine.close?.()));
    this.engines.clear();
  }

  private create(name: EngineName): TranscriptionEngine {
    const config = this.config;
    switch (name) {
      case 'moonshine':
        return new MoonshineEngine({
          modelsDir: config.MODELS_DIR,
          // Each thread holds its own copy of the model (about 200 MB with its buffers): by default half the cores,
          // which keeps a worker under 700 MB on two cores and leaves a core to the other stages.
          concurrency: config.ASR_CONCURRENCY ?? Math.max(1, Math.floor(cpus().length / 2)),
          threads: config.MOONSHINE_THREADS,
          timeoutMs: config.ASR_TIMEOUT_SECONDS * 1000,
        });
      case 'pocketsphinx':
        return new PocketsphinxEngine({
          modelDir: config.POCKETSPHINX_MODEL_DIR,
          limiter: this.limiter,
          timeoutMs: config.ASR_TIMEOUT_SECONDS * 1000,
        });
      case 'openai':
        return new OpenAiEngine({
          baseUrl: config.OPENAI_BASE_URL,
          apiKey: config.OPENAI_API_KEY,
          model: config.OPENAI_MODEL,
          timeoutMs: config.OPENAI_TIMEOUT_SECONDS * 1000,
          maxRetries: config.OPENAI_MAX_RETRIES,
        });
      case 'none':
        return new NoneEngine();
      default: {
        const unknown: never = name;
        throw new Error(`unknown transcription engine ${String(unknown)}`);
      }
    }
  }
}

/**
 * Checks the default engine's model files without loading them. A worker runs it before it starts (and so before it
 * takes any job): a missing or corrupt model stops the process with the fix in the message.
 */
export async function verifyDefaultEngineFiles(config: AppConfig): Promise<void> {
  if (config.TRANSCRIPTION_ENGINE === 'moonshine')
    await verifyModelFiles(moonshineModelDir(config.MODELS_DIR));
}
