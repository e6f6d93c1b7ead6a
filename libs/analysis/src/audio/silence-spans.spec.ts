import { mergeSpans, silenceFilter } from './silence-spans';

describe('silenceFilter', () => {
  it('mutes the merged spans', () => {
    expect(
      silenceFilter([
        { startTime: 3, endTime: 4 },
        { startTime: 1, endTime: 2 },
        { startTime: 1.5, endTime: 2.5 },
      ]),
    ).toBe("volume=enable='between(t,1.000,2.500)+between(t,3.000,4.000)':volume=0");
  });

  it('passes audio through unchanged without spans and drops broken ones', () => {
    expect(silenceFilter([])).toBe('anull');
    expect(
      mergeSpans([
        { startTime: 2, endTime: 1 },
        { startTime: NaN, endTime: 3 },
      ]),
    ).toEqual([]);
  });
});
