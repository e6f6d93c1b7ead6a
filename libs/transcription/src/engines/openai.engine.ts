import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PermanentTranscriptionError, TransientTranscriptionError } from '../transcription.errors';
import { languageOf, VerboseTranscription, wordsFromVerboseJson } from './openai-response';
import { AudioTrack, Recognition, TranscriptionEngine } from './transcription-engine';

export interface OpenAiOptions {
  /** Server root without /v1, e.g. https://api.openai.com or http://whisper.internal:8080. */
  baseUrl: string;
  /** Sent as a bearer token; never logged and never part of an error message. */
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** Further attempts after a 429, a 5xx, a timeout or a network error. */
  maxRetries: number;
  /** First backoff; doubles with each attempt (a Retry-After header wins, up to maxBackoffMs). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** A failure worth another attempt, with what the server asked us to wait. */
class RetryableResponse extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Any OpenAI-compatible POST /v1/audio/transcriptions server (OpenAI, whisper.cpp server, faster-whisper servers,
 * LocalAI). The track is streamed from disk in the multipart body; verbose_json gives word and segment timings.
 */
export class OpenAiEngine implements TranscriptionEngine {
  readonly name = 'openai' as const;
  readonly sampleRate = 16000;

  constructor(private readonly options: OpenAiOptions) {}

  get endpoint(): string {
    return `${this.options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/audio/transcriptions`;
  }

  async transcribe(track: AudioTrack, signal?: AbortSignal): Promise<Recognition> {
    const backoffMs = this.options.backoffMs ?? 1000;
    const maxBackoffMs = this.options.maxBackoffMs ?? 30_000;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const body = await this.request(track, signal);
        return { words: wordsFromVerboseJson(body), language: languageOf(body, track.language || undefined) };
      } catch (error) {
        if (!(error instanceof RetryableResponse)) throw error;
        if (attempt >= this.options.maxRetries)
          throw new TransientTranscriptionError(
            `The transcription server failed ${attempt + 1} time(s); last: ${error.message}`,
          );
        const wait = Math.min(maxBackoffMs, error.retryAfterMs ?? backoffMs * 2 ** attempt);
        await sleep(wait, undefined, { signal }).catch(() => {
          throw new TransientTranscriptionError('Recognition was cancelled');
        });
      }
    }
  }

  private async request(track: AudioTrack, signal?: AbortSignal): Promise<VerboseTranscription> {
    const form = new FormData();
    // A file-backed Blob: fetch reads it from disk as it sends, the audio is never held in memory.
    form.append('file', await openAsBlob(track.path, { type: 'audio/wav' }), basename(track.path));
    form.append('model', this.options.model);
    form.append('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'word');
    form.append('timestamp_granularities[]', 'segment');
    const language = track.language.split(/[-_]/)[0]?.toLowerCase();
    if (language) form.append('language', language);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;

    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        body: form,
        headers,
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new TransientTranscriptionError('Recognition was cancelled');
      if (timeout.aborted) throw new RetryableResponse(`no answer within ${this.options.timeoutMs / 1000} s`);
      throw new RetryableResponse(`network error (${describe(error)})`);
    }
    if (response.ok) {
      const text = await response.text();
      try {
        return JSON.parse(text) as VerboseTranscription;
      } catch {
        throw new PermanentTranscriptionError(
          'The transcription server answered with something other than JSON',
        );
      }
    }
    const detail = await errorDetail(response);
    if (response.status === 429 || response.status >= 500)
      throw new RetryableResponse(`HTTP ${response.status}${detail}`, retryAfter(response));
    throw new PermanentTranscriptionError(
      `The transcription server refused the audio: HTTP ${response.status}${detail}`,
    );
  }
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message =
      typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    return message ? ` (${String(message).slice(0, 200)})` : '';
  } catch {
    return '';
  }
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  const seconds = header === null || header.trim() === '' ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : 'unknown');
}
