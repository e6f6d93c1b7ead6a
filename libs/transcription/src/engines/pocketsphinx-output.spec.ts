import { parsePocketsphinxLine } from './pocketsphinx-output';

describe('parsePocketsphinxLine', () => {
  it('reads a timed word with its posterior', () => {
    expect(parsePocketsphinxLine('account 17.850 18.370 0.999800')).toEqual({
      text: 'account',
      start: 17.85,
      end: 18.37,
      confidence: 0.9998,
    });
  });

  it('drops the pronunciation variant suffix', () => {
    expect(parsePocketsphinxLine('for(3) 1.250 1.460 0.664150')?.text).toBe('for');
  });

  it('clamps posteriors pocketsphinx rounds above 1', () => {
    expect(parsePocketsphinxLine('yes 26.210 26.320 1.000300')?.confidence).toBe(1);
  });

  it('ignores markers, silences, fillers and the hypothesis line', () => {
    for (const line of [
      '<s> 0.480 0.600 1.000000',
      '</s> 9.130 9.480 1.000000',
      '<sil> 2.940 2.960 0.487686',
      '[NOISE] 3.000 3.200 0.5',
      '++BREATH++ 3.000 3.200 0.5',
      'i am sorry to hear that let me look up your account',
      '',
    ])
      expect(parsePocketsphinxLine(line)).toBeNull();
  });
});
