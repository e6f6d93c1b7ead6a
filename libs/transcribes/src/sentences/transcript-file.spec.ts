import { detectTranscriptFormat, parseCueTime, parseTranscriptFile } from './transcript-file';
import { parseLabels, transcriptFromUtterances } from './utterances';

const limits = { maxEntries: 100, maxTextChars: 500, maxAuthorChars: 50 };

const VTT = `WEBVTT - call 42

NOTE exported from the dialer

1
00:00:00.000 --> 00:00:03.500 align:start
<v Agent>Good morning, this call may be recorded.</v>

00:00:04.000 --> 00:00:07.250
<v.loud Client>I was <b>charged</b> twice &amp; I want a refund.

00:01:02.5 --> 00:01:05.000
Agent: Refund issued.
`;

const SRT = `1\r
00:00:01,000 --> 00:00:02,000\r
Rep: Hello there\r
\r
2\r
00:00:02,500 --> 00:00:04,000\r
Hi, I have a question\r
about my bill\r
`;

describe('parseTranscriptFile', () => {
  it('reads WebVTT cues with voice tags, name prefixes, settings, notes and entities', () => {
    expect(parseTranscriptFile(VTT, limits)).toEqual([
      { timestamp: 0, endTime: 3.5, author: 'Agent', text: 'Good morning, this call may be recorded.' },
      { timestamp: 4, endTime: 7.25, author: 'Client', text: 'I was charged twice & I want a refund.' },
      { timestamp: 62.5, endTime: 65, author: 'Agent', text: 'Refund issued.' },
    ]);
  });

  it('reads SRT with CRLF line ends and multi-line cues; a cue without a name gets "Speaker"', () => {
    expect(parseTranscriptFile(SRT, limits)).toEqual([
      { timestamp: 1, endTime: 2, author: 'Rep', text: 'Hello there' },
      { timestamp: 2.5, endTime: 4, author: 'Speaker', text: 'Hi, I have a question about my bill' },
    ]);
  });

  it('reads JSON utterances, bare or as { contents }, and names a bad entry', () => {
    const contents = [{ timestamp: 0, author: 'Agent', text: 'Hi' }];
    expect(parseTranscriptFile(JSON.stringify(contents), limits)).toEqual(contents);
    expect(parseTranscriptFile(JSON.stringify({ contents }), limits)).toEqual(contents);
    expect(() => parseTranscriptFile('[{"timestamp": -2, "author": "A", "text": "x"}]', limits)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'transcript[0].timestamp' })] }),
    );
    expect(() => parseTranscriptFile('{ not json', limits)).toThrow('transcript is not valid JSON');
  });

  it('refuses an SRT block without timing and more cues than the limit', () => {
    expect(() => parseTranscriptFile('1\nhello\n', limits)).toThrow(/no "start --> end" timing line/);
    const many = Array.from(
      { length: 3 },
      (_, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},500\nA: x`,
    ).join('\n\n');
    expect(() => parseTranscriptFile(many, { ...limits, maxEntries: 2 })).toThrow('at most 2 entries');
  });

  it('detects the format and converts cue times', () => {
    expect(detectTranscriptFormat('\uFEFFWEBVTT\n')).toBe('vtt');
    expect(detectTranscriptFormat(' [ ]')).toBe('json');
    expect(detectTranscriptFormat('1\n00:00:01,000 --> 00:00:02,000\nx')).toBe('srt');
    expect(parseCueTime('01:02:03.450')).toBe(3723.45);
    expect(parseCueTime('02:03,5')).toBe(123.5);
  });

  it('feeds the transcript with cue end times rather than the next cue start', () => {
    const result = transcriptFromUtterances(
      parseTranscriptFile(VTT, limits),
      { agent: parseLabels('agent'), customer: parseLabels('client') },
      'en',
    );
    expect(result.sentences.map((s) => [s.startTime, s.endTime])).toEqual([
      [0, 3.5],
      [4, 7.25],
      [62.5, 65],
    ]);
    expect(result.speakers.map((s) => s.role)).toEqual(['agent', 'customer']);
    expect(result.duration).toBe(65);
  });
});
