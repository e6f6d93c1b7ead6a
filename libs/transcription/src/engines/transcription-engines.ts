import { Injectable } from '@nestjs/common';
import { cpus } from 'node:os';
import { AppConfig } from '@app/core';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { NoneEngine } from './none.engine';
import { OpenAiEngine } from './openai.engine';
import { PocketsphinxEngine } from './pocketsphinx.engine';
import { EngineName, TranscriptionEngine } from './transcription-engine';

/**
 * The engines of this process, built once from AppConfig: `get()` gives the configured default
 * (TRANSCRIPTION_ENGINE), `get(name)` the one a project chose.
 */
@Injectable()
export class TranscriptionEngines {
  /** Shared by every pocketsphinx recognition in this process, whatever record it belongs to. */
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

  private create(name: EngineName): TranscriptionEngine {
    const config = this.config;
    switch (name) {
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
