import { RecognizedWord } from '../transcription-engine';

/** What the worker thread is started with. */
export interface MoonshineThreadData {
  modelDir: string;
  /** onnxruntime intra-op threads of one inference. */
  threads: number;
}

/** Main thread → worker thread. */
export type MoonshineRequest =
  | {
      type: 'transcribe';
      id: number;
      /** Raw 16-bit little-endian mono PCM at 16 kHz (prepareAudio with encoding 's16le'). */
      path: string;
    }
  | { type: 'cancel'; id: number }
  /** Stop the track in hand, release the onnxruntime sessions and end the thread. */
  | { type: 'close' };

export interface TrackStatistics {
  audioSeconds: number;
  segments: number;
  /** Segments decoded but dropped as unreliable (see acceptSegment). */
  droppedSegments: number;
}

/** Worker thread → main thread. */
export type MoonshineReply =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; id: number; words: RecognizedWord[]; statistics: TrackStatistics }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string; permanent: boolean };
