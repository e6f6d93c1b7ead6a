import { formatTranscript, toSrt, toText, toVtt } from './transcript-formatters';

const transcript = {
  speakers: [
    { speakerId: 'spk_0', speakerLabel: 'Agent', role: 'agent' as const },
    { speakerId: 'spk_1', speakerLabel: 'Customer', role: 'customer' as const },
  ],
  sentences: [
    { speakerId: 'spk_0', startTime: 1.2, endTime: 3.456, text: 'thank you for calling', confidence: 0.9 },
    {
      speakerId: 'spk_1',
      startTime: 3725.5,
      endTime: 3727,
      text: 'I was charged <twice> & \nangry',
      confidence: 0.8,
    },
  ],
};

describe('transcript formatters', () => {
  it('writes plain text, a line per sentence with time and speaker label', () => {
    expect(toText(transcript)).toBe(
      '[00:00:01] Agent: thank you for calling\n[01:02:05] Customer: I was charged <twice> & angry\n',
    );
  });

  it('writes SubRip cues with comma milliseconds, numbered from 1', () => {
    expect(toSrt(transcript)).toBe(
      '1\n00:00:01,200 --> 00:00:03,456\nAgent: thank you for calling\n\n' +
        '2\n01:02:05,500 --> 01:02:07,000\nCustomer: I was charged <twice> & angry\n\n',
    );
  });

  it('writes WebVTT with a header, dot milliseconds, voice spans and escaped markup', () => {
    expect(toVtt(transcript)).toBe(
      'WEBVTT\n\n00:00:01.200 --> 00:00:03.456\n<v Agent>thank you for calling\n\n' +
        '01:02:05.500 --> 01:02:07.000\n<v Customer>I was charged &lt;twice&gt; &amp; angry\n\n',
    );
  });

  it('keeps a cue of a zero-length sentence playable', () => {
    const [cue] = toSrt({ ...transcript, sentences: [{ ...transcript.sentences[0], endTime: 1.2 }] }).split(
      '\n\n',
    );
    expect(cue).toContain('00:00:01,200 --> 00:00:01,201');
  });

  it('gives an empty body for an empty transcript (VTT keeps its header)', () => {
    const empty = { speakers: [], sentences: [] };
    expect(formatTranscript(empty, 'txt')).toBe('');
    expect(formatTranscript(empty, 'srt')).toBe('');
    expect(formatTranscript(empty, 'vtt')).toBe('WEBVTT\n\n');
  });
});
