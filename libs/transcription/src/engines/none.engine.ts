import { AudioTrack, Recognition, TranscriptionEngine } from './transcription-engine';

/** For records whose transcript the caller supplies: there is nothing to recognise, so no audio is read. */
export class NoneEngine implements TranscriptionEngine {
  readonly name = 'none' as const;
  readonly sampleRate = null;

  transcribe(track: AudioTrack): Promise<Recognition> {
    return Promise.resolve({ words: [], language: track.language });
  }
}
