import { parseRange } from './parse-range';

describe('parseRange', () => {
  it('gives the whole file without a header', () => {
    expect(parseRange(undefined, 100)).toBeNull();
  });
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=10-', { start: 10, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
  ])('reads %s', (header, span) => {
    expect(parseRange(header, 100)).toEqual(span);
  });
  it.each(['bytes=100-', 'bytes=50-10', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6', 'bytes=abc'])(
    'refuses %s',
    (header) => {
      expect(parseRange(header, 100)).toBe('unsatisfiable');
    },
  );
});
