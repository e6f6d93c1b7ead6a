export * from './audio/probe-audio';
export { maskFilter, normalizeMasks } from './audio/masks';
export { prepareAudio } from './audio/prepare-audio';
export type { PreparedAudio, PreparedTrack } from './audio/prepare-audio';
export type { AudioMask } from './audio/masks';
export * from './transcription.errors';
export { ENGINE_NAMES, isEngineName } from './engines/transcription-engine';
export type {
  AudioTrack,
  EngineName,
  Recognition,
  RecognizedWord,
  TranscriptionEngine,
} from './engines/transcription-engine';
export { TranscriptionEngines, verifyDefaultEngineFiles } from './engines/transcription-engines';
export { ModelUnavailableError } from './engines/moonshine/model-files';
export * from './sentences/transcript.types';
export * from './transcripts/transcript-formatters';
export { Transcript } from './transcripts/transcript.entity';
export { TranscriptsService } from './transcripts/transcripts.service';
export { DEFAULT_CHANNEL_ROLES, speakersFor, TranscriptionService } from './transcription.service';
export type { TranscribeRecordingInput } from './transcription.service';
export { TranscriptionModule } from './transcription.module';
