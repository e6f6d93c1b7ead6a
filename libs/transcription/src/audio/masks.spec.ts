import { insideMask, maskFilter, MAX_MASKS, normalizeMasks } from './masks';

describe('normalizeMasks', () => {
  it('sorts, merges overlapping and touching spans, clamps negative starts and drops empty ones', () => {
    expect(
      normalizeMasks([
        { start: 10, end: 12 },
        { start: -1, end: 2 },
        { start: 11, end: 15 },
        { start: 15, end: 16 },
        { start: 5, end: 5 },
        { start: 8, end: 7 },
        { start: Number.NaN, end: 3 },
      ]),
    ).toEqual([
      { start: 0, end: 2 },
      { start: 10, end: 16 },
    ]);
  });
});

describe('maskFilter', () => {
  it('is null when nothing is masked', () => {
    expect(maskFilter([])).toBeNull();
    expect(maskFilter([{ start: 3, end: 3 }])).toBeNull();
  });

  it('silences each span with one volume filter that keeps the timeline', () => {
    expect(
      maskFilter([
        { start: 12.5, end: 20 },
        { start: 1.23456, end: 2 },
      ]),
    ).toBe("volume=volume=0:enable='between(t,1.235,2)+between(t,12.5,20)'");
  });

  it('refuses more spans than it can express', () => {
    const many = Array.from({ length: MAX_MASKS + 1 }, (_, i) => ({ start: i * 2, end: i * 2 + 1 }));
    expect(() => maskFilter(many)).toThrow(RangeError);
  });
});

describe('insideMask', () => {
  const spans = normalizeMasks([{ start: 10, end: 20 }]);
  it('drops a word whose middle is masked and keeps one that only touches the edge', () => {
    expect(insideMask(spans, 12, 13)).toBe(true);
    expect(insideMask(spans, 9.5, 10.3)).toBe(false);
    expect(insideMask(spans, 19.8, 21)).toBe(false);
  });
});
