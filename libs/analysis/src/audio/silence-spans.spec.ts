import { mergeSpans, silenceFilter, widenSpans } from './silence-spans';

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

describe('widenSpans', () => {
  it('adds the margin on both sides, never before the start of the call', () => {
    expect(
      widenSpans(
        [
          { startTime: 0.1, endTime: 1 },
          { startTime: 5, endTime: 6 },
        ],
        0.25,
      ),
    ).toEqual([
      { startTime: 0, endTime: 1.25 },
      { startTime: 4.75, endTime: 6.25 },
    ]);
  });
});
