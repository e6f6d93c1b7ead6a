import { LlmSummarizer, parseReply } from './llm-summarizer';

const completion = (content: string) =>
  JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] });

describe('parseReply', () => {
  it('reads the JSON the model was asked for, also inside a Markdown fence', () => {
    const reply = { summary: 'Refund issued.', improvements: ['Disclose the recording'] };
    expect(parseReply(completion(JSON.stringify(reply)))).toEqual(reply);
    expect(parseReply(completion('```json\n' + JSON.stringify(reply) + '\n```'))).toEqual(reply);
  });

  it('rejects prose, wrong types, an empty summary and non-completion bodies', () => {
    expect(parseReply(completion('The customer wanted a refund.'))).toBeNull();
    expect(parseReply(completion('{"summary": "", "improvements": []}'))).toBeNull();
    expect(parseReply(completion('{"summary": "ok", "improvements": [1]}'))).toBeNull();
    expect(parseReply('<html>502</html>')).toBeNull();
  });

  it('bounds what it keeps', () => {
    const reply = parseReply(
      completion(JSON.stringify({ summary: 'x'.repeat(5000), improvements: Array(20).fill('  tip ') })),
    );
    expect(reply?.summary).toHaveLength(2000);
    expect(reply?.improvements).toEqual(Array(10).fill('tip'));
  });
});

describe('LlmSummarizer.endpoint', () => {
  it('appends /v1/chat/completions once', () => {
    const at = (baseUrl: string) => new LlmSummarizer({ baseUrl, model: 'm', timeoutMs: 1000 }).endpoint;
    expect(at('http://llm:8080')).toBe('http://llm:8080/v1/chat/completions');
    expect(at('http://llm:8080/v1/')).toBe('http://llm:8080/v1/chat/completions');
  });
});
