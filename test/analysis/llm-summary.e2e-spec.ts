import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { analyzeTranscript, DEFAULT_PROFILE, LlmSummarizer, type Transcript } from '@app/analysis';

const call: Transcript = {
  language: 'en',
  duration: 30,
  speakers: [
    { speakerId: 'A', speakerLabel: 'Agent', role: 'agent' },
    { speakerId: 'C', speakerLabel: 'Customer', role: 'customer' },
  ],
  sentences: [
    {
      speakerId: 'A',
      startTime: 0,
      endTime: 4,
      text: 'Thank you for calling. How can I help?',
      confidence: 1,
    },
    {
      speakerId: 'C',
      startTime: 5,
      endTime: 12,
      text: 'I was charged twice. My number is five five five one two three four five six seven.',
      confidence: 1,
    },
    {
      speakerId: 'A',
      startTime: 13,
      endTime: 20,
      text: 'I have issued a refund for the second charge.',
      confidence: 1,
    },
  ],
};

type Handler = (body: string, req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server standing in for an OpenAI-compatible endpoint; each test sets how it answers. */
describe('analyzeTranscript with an LLM endpoint', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  const requests: Array<{ url?: string; auth?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        requests.push({ url: req.url, auth: req.headers.authorization, body });
        handler(body, req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (requests.length = 0));

  const summarizer = (timeoutMs = 2000) =>
    new LlmSummarizer({ baseUrl, apiKey: 'sk-test-key', model: 'test-model', timeoutMs });
  const reply = (res: ServerResponse, content: string) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] }));
  };

  it('uses the model summary and adds its coaching, sending only redacted text', async () => {
    handler = (_body, _req, res) =>
      reply(
        res,
        JSON.stringify({
          summary: 'The customer was charged twice and the agent refunded the second charge.',
          improvements: ['Confirm the refund timeline'],
        }),
      );
    const reasons: string[] = [];
    const result = await analyzeTranscript(call, DEFAULT_PROFILE, {
      llm: summarizer(),
      onLlmFallback: (r) => reasons.push(r),
    });
    expect(reasons).toEqual([]);
    expect(result.engine.summary).toBe('llm');
    expect(result.summary).toBe('The customer was charged twice and the agent refunded the second charge.');
    expect(result.improvements).toContain('Confirm the refund timeline');
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/v1/chat/completions');
    expect(requests[0].auth).toBe('Bearer sk-test-key');
    const sent = JSON.parse(requests[0].body) as { model: string; messages: Array<{ content: string }> };
    expect(sent.model).toBe('test-model');
    const prompt = sent.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('Customer: I was charged twice. My number is [PHONE_NUMBER].');
    expect(prompt).not.toContain('five five five');
  });

  it('falls back to the extractive summary when the model is too slow', async () => {
    handler = (_body, _req, res) =>
      setTimeout(() => reply(res, '{"summary":"late","improvements":[]}'), 1500);
    const reasons: string[] = [];
    const started = Date.now();
    const result = await analyzeTranscript(call, DEFAULT_PROFILE, {
      llm: summarizer(300),
      onLlmFallback: (r) => reasons.push(r),
    });
    expect(Date.now() - started).toBeLessThan(1400);
    expect(reasons).toEqual(['timeout']);
    expect(result.engine.summary).toBe('extractive');
    expect(result.summary).toContain('Agent: I have issued a refund for the second charge.');
  });

  it('falls back when the model answers garbage or an error', async () => {
    const reasons: string[] = [];
    const options = { llm: summarizer(), onLlmFallback: (r: string) => reasons.push(r) };
    handler = (_body, _req, res) => reply(res, 'Sure! Here is a summary: the customer was unhappy.');
    expect((await analyzeTranscript(call, DEFAULT_PROFILE, options)).engine.summary).toBe('extractive');
    handler = (_body, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>gateway</html>');
    };
    expect((await analyzeTranscript(call, DEFAULT_PROFILE, options)).engine.summary).toBe('extractive');
    handler = (_body, _req, res) => {
      res.writeHead(503);
      res.end();
    };
    const result = await analyzeTranscript(call, DEFAULT_PROFILE, options);
    expect(result.engine.summary).toBe('extractive');
    expect(result.summary).not.toBe('');
    expect(reasons).toEqual(['invalid-response', 'invalid-response', 'http']);
  });

  it('falls back when nothing listens at the address', async () => {
    const reasons: string[] = [];
    const closed = new LlmSummarizer({ baseUrl: 'http://127.0.0.1:9', model: 'm', timeoutMs: 2000 });
    const result = await analyzeTranscript(call, DEFAULT_PROFILE, {
      llm: closed,
      onLlmFallback: (r) => reasons.push(r),
    });
    expect(result.engine.summary).toBe('extractive');
    expect(reasons).toEqual(['unreachable']);
  });
});
