import { checkUtterances, parseLabels, transcriptFromUtterances } from './utterances';

const limits = { maxEntries: 3, maxTextChars: 20, maxAuthorChars: 10 };
const labels = { agent: parseLabels('agent, Rep'), customer: parseLabels('client,customer') };

describe('checkUtterances', () => {
  it('accepts empty contents and good entries', () => {
    expect(checkUtterances([], limits)).toEqual([]);
    expect(
      checkUtterances(
        [
          { timestamp: 0, author: 'Agent', text: 'Hello' },
          { timestamp: 0, author: 'Client', text: 'Hi' },
          { timestamp: 2.5, author: 'Agent', text: 'How can I help?' },
        ],
        limits,
      ),
    ).toEqual([]);
  });

  it('names the index and field of each bad entry', () => {
    const problems = checkUtterances(
      [
        { timestamp: 3, author: 'Agent', text: 'Hello' },
        { timestamp: 1, author: 'Client', text: 'Hi' },
        { timestamp: -1, author: '', text: 'x'.repeat(21), extra: true },
      ],
      limits,
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'contents[1].timestamp',
      'contents[2].extra',
      'contents[2].timestamp',
      'contents[2].author',
      'contents[2].text',
    ]);
  });

  it('refuses a timestamp given as a string, a missing field, a non-object and too many entries', () => {
    expect(checkUtterances([{ timestamp: '1', author: 'a', text: 'b' }], limits)[0].field).toBe(
      'contents[0].timestamp',
    );
    expect(checkUtterances([{ timestamp: 1, author: 'a' }], limits)[0].field).toBe('contents[0].text');
    expect(checkUtterances(['hello'], limits)[0].field).toBe('contents[0]');
    expect(checkUtterances(new Array(4).fill({ timestamp: 0, author: 'a', text: 'b' }), limits)).toEqual([
      { field: 'contents', message: 'contents may hold at most 3 entries' },
    ]);
    expect(checkUtterances({}, limits)[0].field).toBe('contents');
  });
});

describe('transcriptFromUtterances', () => {
  it('maps authors to speakers, roles from labels only, end times from the next line or the word count', () => {
    const result = transcriptFromUtterances(
      [
        { timestamp: 0, author: 'Rep', text: 'Thanks for calling' },
        { timestamp: 4, author: 'Dana', text: 'I was charged twice' },
        { timestamp: 4, author: 'Rep', text: 'Sorry' },
        { timestamp: 7, author: 'CLIENT', text: 'one two three four five' },
      ],
      labels,
      'en',
    );
    expect(result.speakers).toEqual([
      { speakerId: 'spk_0', speakerLabel: 'Rep', role: 'agent' },
      { speakerId: 'spk_1', speakerLabel: 'Dana', role: 'unknown' },
      { speakerId: 'spk_2', speakerLabel: 'CLIENT', role: 'customer' },
    ]);
    expect(result.sentences.map((s) => [s.speakerId, s.startTime, s.endTime])).toEqual([
      ['spk_0', 0, 4],
      ['spk_1', 4, 5.6], // same second as the next line: 4 words / 2.5 w/s
      ['spk_0', 4, 7],
      ['spk_2', 7, 9], // last line: 5 words / 2.5 w/s
    ]);
    expect(result.duration).toBe(9);
    expect(result.engine).toBe('none');
  });

  it('gives an empty conversation no speakers and no duration', () => {
    expect(transcriptFromUtterances([], labels, 'en')).toEqual({
      engine: 'none',
      language: 'en',
      speakers: [],
      sentences: [],
      duration: 0,
    });
  });
});
