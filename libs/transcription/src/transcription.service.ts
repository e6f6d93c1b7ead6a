import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { AudioMask, insideMask, normalizeMasks } from './audio/masks';
import { prepareAudio } from './audio/prepare-audio';
import { AudioProbeError, probeAudio } from './audio/probe-audio';
import { TranscriptionEngines } from './engines/transcription-engines';
import { EngineName } from './engines/transcription-engine';
import { buildSentences } from './sentences/build-sentences';
import { Speaker, SpeakerRole, TranscriptionResult } from './sentences/transcript.types';
import { PermanentTranscriptionError } from './transcription.errors';

/** Channel 0 is the agent and channel 1 the customer unless a project says otherwise. */
export const DEFAULT_CHANNEL_ROLES: readonly SpeakerRole[] = ['agent', 'customer'];

export interface TranscribeRecordingInput {
  /** A local file in any format ffmpeg reads. */
  path: string;
  /** Channels of the recording; 2 or more are split (first two), 1 is one speaker track. Probed when absent. */
  channels?: number;
  /** Seconds of audio, when already known (from the upload's probe). */
  duration?: number;
  /** Role of channel 0 and 1 (e.g. ['customer', 'agent'] for a system that records the other way round). */
  channelRoles?: readonly SpeakerRole[];
  /** Spans that must not be transcribed: silenced before recognition, and any word inside them dropped. */
  masks?: readonly AudioMask[];
  /** The project's engine; the configured default when absent. */
  engine?: EngineName;
  language?: string;
  signal?: AbortSignal;
}

const LABELS: Record<SpeakerRole, string> = { agent: 'Agent', customer: 'Customer', unknown: 'Speaker' };

/**
 * Audio file in, transcript out: probe, prepare (decode, silence masks, resample, split channels), recognise each
 * track in parallel, cut sentences. Throws PermanentTranscriptionError for audio that can never work (corrupt,
 * unsupported language) and TransientTranscriptionError for what a retry may fix. Silence is an empty transcript.
 */
@Injectable()
export class TranscriptionService {
  constructor(
    private readonly config: AppConfig,
    private readonly engines: TranscriptionEngines,
  ) {}

  async transcribeRecording(input: TranscribeRecordingInput): Promise<TranscriptionResult> {
    const engine = this.engines.get(input.engine);
    const language = input.language ?? 'en';
    if (engine.sampleRate === null && input.channels !== undefined && input.duration !== undefined) {
      // Nothing to recognise and the record already knows its audio: no need to read the file again.
      const speakers = speakersFor(input.channels, input.channelRoles ?? DEFAULT_CHANNEL_ROLES);
      return { engine: engine.name, language, speakers, sentences: [], duration: input.duration };
    }
    const info = await probeAudio(input.path).catch((error: unknown) => {
      const reason = error instanceof AudioProbeError ? error.message : 'The file could not be read';
      throw new PermanentTranscriptionError(`Corrupt or unreadable audio: ${reason}`, { cause: error });
    });
    const channels = input.channels ?? info.channels;
    const speakers = speakersFor(channels, input.channelRoles ?? DEFAULT_CHANNEL_ROLES);
    const empty = { engine: engine.name, language, speakers, sentences: [], duration: info.duration };
    if (engine.sampleRate === null || info.duration === 0) return empty;

    const timeoutMs = this.config.ASR_TIMEOUT_SECONDS * 1000;
    const masks = normalizeMasks(input.masks ?? []);
    const prepared = await prepareAudio({
      path: input.path,
      channels,
      split: speakers.length > 1,
      sampleRate: engine.sampleRate,
      encoding: engine.trackEncoding ?? 'wav',
      ...(engine.imageNarrowBand ? { narrowBandImage: { sourceSampleRate: info.sampleRate } } : {}),
      masks,
      timeoutMs,
      signal: input.signal,
    });
    // One failed track fails the recording: stop the others rather than let them burn CPU.
    const controller = new AbortController();
    const signal = input.signal ? AbortSignal.any([input.signal, controller.signal]) : controller.signal;
    try {
      const recognitions = await Promise.all(
        prepared.tracks.map((track) =>
          engine
            .transcribe({ path: track.path, sampleRate: track.sampleRate, language }, signal)
            .catch((error) => {
              controller.abort();
              throw error;
            }),
        ),
      );
      const sentences = buildSentences(
        recognitions.map((recognition, index) => ({
          speakerId: speakers[index].speakerId,
          words: recognition.words.filter((word) => !insideMask(masks, word.start, word.end)),
        })),
        { pauseSeconds: this.config.SENTENCE_PAUSE_SECONDS, maxSeconds: this.config.SENTENCE_MAX_SECONDS },
      );
      return { ...empty, language: recognitions[0]?.language ?? language, sentences };
    } finally {
      await prepared.dispose();
    }
  }
}

/** Speakers come from channels, never from guesses: two channels, two roles; a mono mix is one unknown speaker. */
export function speakersFor(channels: number, channelRoles: readonly SpeakerRole[]): Speaker[] {
  if (channels < 2) return [{ speakerId: 'spk_0', speakerLabel: 'Speaker', role: 'unknown' }];
  return [0, 1].map((channel) => {
    const role = channelRoles[channel] ?? 'unknown';
    const clash = channelRoles.filter((other) => other === role).length > 1;
    return {
      speakerId: `spk_${channel}`,
      speakerLabel: clash || role === 'unknown' ? `${LABELS[role]} ${channel + 1}` : LABELS[role],
      role,
    };
  });
}
