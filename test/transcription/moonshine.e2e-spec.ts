import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@app/core';
import {
  ModelUnavailableError,
  PermanentTranscriptionError,
  TranscriptionEngines,
  TranscriptionResult,
  TranscriptionService,
  TransientTranscriptionError,
  verifyDefaultEngineFiles,
} from '@app/transcription';
import { prepareAudio } from '@app/transcription';
import { MoonshineEngine } from '../../libs/transcription/src/engines/moonshine/moonshine.engine';
import { Corpus, loadCorpus } from '../support/corpus';
import { normalizeWords, recall } from './truth-words';

/** The real Moonshine model (MODELS_DIR, fetched by npm test) on synthesised calls, ffmpeg and sox for the rest. */
describe('transcription with moonshine', () => {
  let corpus: Corpus;
  let config: AppConfig;
  let engines: TranscriptionEngines;
  let service: TranscriptionService;
  let work: string;

  beforeAll(async () => {
    corpus = loadCorpus({ formats: ['wav'] });
    config = loadConfig({ ...process.env, TRANSCRIPTION_ENGINE: 'moonshine', ASR_CONCURRENCY: '1' });
    engines = new TranscriptionEngines(config);
    await engines.prepareDefault();
    service = new TranscriptionService(config, engines);
    work = mkdtempSync(join(tmpdir(), 'parley-moonshine-test-'));
  });
  afterAll(async () => {
    await engines.onModuleDestroy();
    rmSync(work, { recursive: true, force: true });
  });

  const expectOrderedTimes = (result: TranscriptionResult) => {
    for (const [index, sentence] of result.sentences.entries()) {
      expect(sentence.endTime).toBeGreaterThanOrEqual(sentence.startTime);
      expect(sentence.endTime).toBeLessThanOrEqual(result.duration + 0.05);
      expect(sentence.confidence).toBeGreaterThan(0);
      expect(sentence.confidence).toBeLessThanOrEqual(1);
      if (index > 0) expect(sentence.startTime).toBeGreaterThanOrEqual(result.sentences[index - 1].startTime);
    }
  };
  /** Every sentence lies inside (give or take half a second) an utterance that its speaker's channel really said. */
  const expectSentencesOnTheirUtterances = (id: string, result: TranscriptionResult) => {
    const truth = corpus.truth(id);
    for (const sentence of result.sentences) {
      const channel = sentence.speakerId === 'spk_0' ? 0 : 1;
      const inside = truth.utterances.some(
        (u) =>
          u.channel === channel &&
          sentence.startTime >= u.startTime - 0.5 &&
          sentence.endTime <= u.endTime + 0.5,
      );
      expect({ sentence: sentence.text, inside }).toEqual({ sentence: sentence.text, inside: true });
    }
  };

  it('hears both sides of a stereo call, in punctuated sentences timed on their utterances', async () => {
    const id = 'billing-refund';
    const truth = corpus.truth(id);
    const result = await service.transcribeRecording({ path: corpus.file(id), language: 'en-US' });

    expect(result.engine).toBe('moonshine');
    expect(result.speakers.map((s) => s.role)).toEqual(['agent', 'customer']);
    // Measured: agent 0.98, customer 0.96.
    expect(recall(truth, 0, result.sentences, 'spk_0')).toBeGreaterThanOrEqual(0.9);
    expect(recall(truth, 1, result.sentences, 'spk_1')).toBeGreaterThanOrEqual(0.9);
    // Cased and punctuated: sentences start with a capital and questions end with "?".
    expect(result.sentences.some((s) => /^[A-Z]/.test(s.text))).toBe(true);
    expect(result.sentences.some((s) => s.text.endsWith('?') && s.speakerId === 'spk_0')).toBe(true);
    expectOrderedTimes(result);
    expectSentencesOnTheirUtterances(id, result);
  });

  it('hears an 8 kHz μ-law telephone recording almost as well', async () => {
    const id = 'appointment-booking';
    const truth = corpus.truth(id);
    const narrow = join(work, 'ulaw.wav');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      corpus.file(id),
      '-ar',
      '8000',
      '-c:a',
      'pcm_mulaw',
      narrow,
    ]);
    const result = await service.transcribeRecording({ path: narrow, language: 'en-US' });
    // Measured on this call: agent 0.90, customer 0.85 (pocketsphinx on plain 8 kHz PCM: 0.88 and 0.55).
    expect(recall(truth, 0, result.sentences, 'spk_0')).toBeGreaterThanOrEqual(0.8);
    expect(recall(truth, 1, result.sentences, 'spk_1')).toBeGreaterThanOrEqual(0.75);
    expectOrderedTimes(result);
  });

  it('times the words of a spoken number inside the utterance that said them (what audio redaction silences)', async () => {
    const id = 'pii-payment';
    const truth = corpus.truth(id);
    const result = await service.transcribeRecording({ path: corpus.file(id), language: 'en-US' });
    const numbered = truth.utterances.filter((u) => u.spans.length > 0);
    expect(numbered.length).toBeGreaterThan(0);
    for (const utterance of numbered) {
      const speakerId = `spk_${utterance.channel}`;
      const heard = result.sentences.filter(
        (s) =>
          s.speakerId === speakerId && s.startTime < utterance.endTime && s.endTime > utterance.startTime,
      );
      expect({ utterance: utterance.text, heard: heard.length > 0 }).toEqual({
        utterance: utterance.text,
        heard: true,
      });
      for (const sentence of heard) {
        expect(sentence.startTime).toBeGreaterThanOrEqual(utterance.startTime - 0.5);
        expect(sentence.endTime).toBeLessThanOrEqual(utterance.endTime + 0.5);
      }
    }
  });

  it('writes nothing for silence, noise, tones, clicks and mains hum', async () => {
    // sox arguments, SOUND standing for the file written.
    const sounds: Record<string, string> = {
      silence: '-n -r 16000 -c 2 SOUND trim 0 8',
      noise: '-n -r 16000 -c 2 SOUND synth 8 pinknoise vol 0.4',
      tones: '-n -r 16000 -c 2 SOUND synth 8 sine 440 sine 660 tremolo 4 70',
      clicks: '-n -r 16000 -c 2 SOUND synth 0.01 square 1000 pad 0 0.49 repeat 15',
      hum: '-n -r 8000 -c 2 -e u-law SOUND synth 8 sine 50 sine 60 vol 0.3',
    };
    for (const [name, args] of Object.entries(sounds)) {
      const path = join(work, `${name}.wav`);
      execFileSync('sox', args.replace('SOUND', path).split(' '));
      const result = await service.transcribeRecording({ path, language: 'en-US' });
      expect({ name, sentences: result.sentences }).toEqual({ name, sentences: [] });
      expect(result.duration).toBeGreaterThan(7);
    }
  });

  it('refuses a language the model does not have, permanently', async () => {
    await expect(
      service.transcribeRecording({ path: corpus.file('wrong-number'), language: 'fr-FR' }),
    ).rejects.toBeInstanceOf(PermanentTranscriptionError);
  });

  it('stops when cancelled, leaves no temporary files, and takes the next track afterwards', async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('parley-asr-')).length;
    const controller = new AbortController();
    const running = service.transcribeRecording({
      path: corpus.file('sales-discovery'),
      language: 'en-US',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toBeInstanceOf(TransientTranscriptionError);
    const after = readdirSync(tmpdir()).filter((name) => name.startsWith('parley-asr-')).length;
    expect(after).toBeLessThanOrEqual(before);
    const next = await service.transcribeRecording({ path: corpus.file('wrong-number'), language: 'en-US' });
    expect(normalizeWords(next.sentences.map((s) => s.text).join(' ')).length).toBeGreaterThan(3);
  });

  it('stops a track that runs past its time limit, counted from when a thread starts on it', async () => {
    const engine = new MoonshineEngine({
      modelsDir: config.MODELS_DIR,
      concurrency: 1,
      threads: 1,
      timeoutMs: 300,
    });
    try {
      const prepared = await prepareAudio({
        path: corpus.file('sales-discovery'),
        channels: 2,
        split: false,
        sampleRate: 16000,
        encoding: 's16le',
        timeoutMs: 60_000,
      });
      try {
        const track = { path: prepared.tracks[0].path, sampleRate: 16000, language: 'en-US' };
        // Two tracks in line: the second waits for the first to stop, then gets its own 0.3 s.
        const results = await Promise.allSettled([engine.transcribe(track), engine.transcribe(track)]);
        for (const result of results) {
          expect(result.status).toBe('rejected');
          expect(String((result as PromiseRejectedResult).reason)).toMatch(/took longer than 0.3 s/);
        }
      } finally {
        await prepared.dispose();
      }
    } finally {
      await engine.close();
    }
  });

  it('loads again in a new engine after another one in the same process closed (a restarted thread does too)', async () => {
    for (let round = 0; round < 2; round++) {
      const engines = new TranscriptionEngines(config);
      const again = new TranscriptionService(config, engines);
      const result = await again.transcribeRecording({
        path: corpus.file('wrong-number'),
        language: 'en-US',
      });
      expect(result.sentences.length).toBeGreaterThan(0);
      await engines.onModuleDestroy();
    }
  });

  describe('a missing or corrupt model', () => {
    const withModels = (dir: string) =>
      loadConfig({
        ...process.env,
        TRANSCRIPTION_ENGINE: 'moonshine',
        MODELS_DIR: dir,
        ASR_CONCURRENCY: '1',
      });

    it('is refused before start with the command that fixes it', async () => {
      const empty = join(work, 'no-models');
      mkdirSync(empty);
      await expect(verifyDefaultEngineFiles(withModels(empty))).rejects.toThrow(ModelUnavailableError);
      await expect(verifyDefaultEngineFiles(withModels(empty))).rejects.toThrow(/missing.*npm run models/);

      const corrupt = join(work, 'corrupt-models');
      const source = join(config.MODELS_DIR, 'moonshine-tiny');
      mkdirSync(join(corrupt, 'moonshine-tiny'), { recursive: true });
      for (const name of readdirSync(source))
        copyFileSync(join(source, name), join(corrupt, 'moonshine-tiny', name));
      truncateSync(join(corrupt, 'moonshine-tiny', 'encoder_model.onnx'), 1000);
      await expect(verifyDefaultEngineFiles(withModels(corrupt))).rejects.toThrow(/corrupt.*npm run models/);
      const broken = new TranscriptionEngines(withModels(corrupt));
      await expect(broken.prepareDefault()).rejects.toThrow(ModelUnavailableError);
      await broken.onModuleDestroy();
    });

    it('fails a transcription permanently rather than retrying it for ever', async () => {
      const empty = join(work, 'still-no-models');
      mkdirSync(empty);
      const broken = new TranscriptionEngines(withModels(empty));
      const failing = new TranscriptionService(withModels(empty), broken);
      await expect(
        failing.transcribeRecording({ path: corpus.file('wrong-number'), language: 'en-US' }),
      ).rejects.toBeInstanceOf(PermanentTranscriptionError);
      await broken.onModuleDestroy();
    });
  });
});
