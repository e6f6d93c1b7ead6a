import busboy from 'busboy';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { loadConfig } from '@app/core';
import {
  PermanentTranscriptionError,
  TranscriptionEngines,
  TranscriptionService,
  TransientTranscriptionError,
} from '@app/transcription';
import { Corpus, loadCorpus } from '../support/corpus';

interface SeenRequest {
  method?: string;
  url?: string;
  authorization?: string;
  fields: Array<[string, string]>;
  file?: { name?: string; mimeType: string; bytes: number; head: string };
}

type Reply = (res: ServerResponse) => void;

const API_KEY = 'sk-test-0123456789abcdef';
const VERBOSE_JSON = {
  task: 'transcribe',
  language: 'english',
  duration: 6.3,
  text: 'Hello, is this the pharmacy?',
  words: [
    { word: 'Hello,', start: 0.6, end: 1.0 },
    { word: 'is', start: 1.1, end: 1.2 },
    { word: 'this', start: 1.2, end: 1.4 },
    { word: 'the', start: 1.4, end: 1.5 },
    { word: 'pharmacy?', start: 1.5, end: 2.1 },
  ],
  segments: [{ id: 0, start: 0.5, end: 2.2, text: 'Hello, is this the pharmacy?', avg_logprob: -0.1 }],
};
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

/** A small real server speaking the OpenAI transcription API: it records each request and answers from a script. */
class FakeTranscriptionServer {
  readonly seen: SeenRequest[] = [];
  replies: Reply[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const seen: SeenRequest = {
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      fields: [],
    };
    this.seen.push(seen);
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({ headers: req.headers });
      parser.on('field', (name, value) => seen.fields.push([name, value]));
      parser.on('file', (name, stream, info) => {
        let bytes = 0;
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (bytes === 0) head = chunk.subarray(0, 4).toString('latin1');
          bytes += chunk.length;
        });
        stream.on('end', () => (seen.file = { name: info.filename, mimeType: info.mimeType, bytes, head }));
      });
      parser.on('close', resolve);
      parser.on('error', reject);
      req.pipe(parser);
    });
    const reply = this.replies.shift();
    if (reply) reply(res);
    // No scripted reply: never answer (a hung server).
  }
}

describe('the openai engine against an OpenAI-compatible server', () => {
  const server = new FakeTranscriptionServer();
  let baseUrl: string;
  let corpus: Corpus;

  const serviceWith = (env: Record<string, string> = {}) => {
    const config = loadConfig({
      TRANSCRIPTION_ENGINE: 'openai',
      OPENAI_BASE_URL: baseUrl,
      OPENAI_API_KEY: API_KEY,
      OPENAI_MODEL: 'whisper-large-v3',
      ...env,
    });
    const engines = new TranscriptionEngines(config);
    return { service: new TranscriptionService(config, engines), engine: engines.get() };
  };

  beforeAll(async () => {
    corpus = loadCorpus();
    baseUrl = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.seen.length = 0;
    server.replies = [];
  });

  it('streams each channel as multipart with the model, verbose_json, word and segment timestamps and the key', async () => {
    server.replies = [json(200, VERBOSE_JSON), json(200, VERBOSE_JSON)];
    const { service } = serviceWith();
    const result = await service.transcribeRecording({
      path: corpus.file('wrong-number', 'mp3'),
      language: 'en-US',
    });

    expect(server.seen).toHaveLength(2);
    for (const seen of server.seen) {
      expect(seen.method).toBe('POST');
      expect(seen.url).toBe('/v1/audio/transcriptions');
      expect(seen.authorization).toBe(`Bearer ${API_KEY}`);
      expect(seen.fields).toEqual(
        expect.arrayContaining([
          ['model', 'whisper-large-v3'],
          ['response_format', 'verbose_json'],
          ['timestamp_granularities[]', 'word'],
          ['timestamp_granularities[]', 'segment'],
          ['language', 'en'],
        ]),
      );
      expect(seen.fields.filter(([name]) => name === 'timestamp_granularities[]')).toHaveLength(2);
      // The prepared 16 kHz mono WAV of one channel: 2 bytes a sample, a 44-byte header.
      expect(seen.file).toMatchObject({ mimeType: 'audio/wav', head: 'RIFF' });
      expect(seen.file!.bytes).toBeGreaterThan(16000 * 2 * 6);
    }
    expect(result.engine).toBe('openai');
    expect(result.language).toBe('en-US');
    expect(result.speakers.map((s) => s.role)).toEqual(['agent', 'customer']);
    expect(result.sentences).toEqual([
      {
        speakerId: 'spk_0',
        startTime: 0.6,
        endTime: 2.1,
        text: 'Hello, is this the pharmacy?',
        confidence: 0.905,
      },
      {
        speakerId: 'spk_1',
        startTime: 0.6,
        endTime: 2.1,
        text: 'Hello, is this the pharmacy?',
        confidence: 0.905,
      },
    ]);
  });

  it('sends no Authorization header when no key is configured (local servers)', async () => {
    server.replies = [json(200, { text: '', segments: [] })];
    const config = loadConfig({ OPENAI_BASE_URL: `${baseUrl}/v1/` });
    const engine = new TranscriptionEngines(config).get('openai');
    const prepared = corpus.file('silence');
    await engine.transcribe({ path: prepared, sampleRate: 16000, language: 'en' });
    expect(server.seen[0].url).toBe('/v1/audio/transcriptions');
    expect(server.seen[0].authorization).toBeUndefined();
  });

  it('retries a 500 and then succeeds', async () => {
    server.replies = [json(500, { error: { message: 'model is loading' } }), json(200, VERBOSE_JSON)];
    const { engine } = serviceWith();
    const recognition = await engine.transcribe({
      path: corpus.file('wrong-number'),
      sampleRate: 16000,
      language: 'en',
    });
    expect(server.seen).toHaveLength(2);
    expect(recognition.words.map((w) => w.text)).toEqual(['Hello,', 'is', 'this', 'the', 'pharmacy?']);
    expect(server.seen[1].file?.bytes).toBe(statSync(corpus.file('wrong-number')).size);
  });

  it('honours Retry-After on a 429', async () => {
    server.replies = [
      json(429, { error: { message: 'slow down' } }, { 'retry-after': '0' }),
      json(200, VERBOSE_JSON),
    ];
    const { engine } = serviceWith();
    const started = Date.now();
    await engine.transcribe({ path: corpus.file('wrong-number'), sampleRate: 16000, language: 'en' });
    expect(server.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(900); // not the 1 s default backoff
  });

  it('fails fast and permanently on a 400, naming the reason but never the key', async () => {
    server.replies = [json(400, { error: { message: 'Invalid file format.' } })];
    const { service } = serviceWith();
    const failure = service.transcribeRecording({ path: corpus.file('wrong-number') });
    await expect(failure).rejects.toBeInstanceOf(PermanentTranscriptionError);
    const error = (await failure.catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('The transcription server refused the audio: HTTP 400 (Invalid file format.)');
    expect(error.message).not.toContain(API_KEY);
    // Both channels were sent at once; nothing was retried.
    expect(server.seen.length).toBeLessThanOrEqual(2);
  });

  it('gives up with a transient error after the configured retries of a server that keeps failing', async () => {
    server.replies = [json(503, {}), json(502, {})];
    const { engine } = serviceWith({ OPENAI_MAX_RETRIES: '1' });
    await expect(
      engine.transcribe({ path: corpus.file('wrong-number'), sampleRate: 16000, language: 'en' }),
    ).rejects.toThrow(TransientTranscriptionError);
    expect(server.seen).toHaveLength(2);
  });

  it('times out a server that never answers', async () => {
    const { engine } = serviceWith({ OPENAI_TIMEOUT_SECONDS: '1', OPENAI_MAX_RETRIES: '0' });
    await expect(
      engine.transcribe({ path: corpus.file('wrong-number'), sampleRate: 16000, language: 'en' }),
    ).rejects.toThrow(/no answer within 1 s/);
  });
});
