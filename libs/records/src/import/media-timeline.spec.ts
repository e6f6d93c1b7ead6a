import { maskSpansFromPoints, parseCallTime } from './media-timeline';

describe('call times and masks as points', () => {
  it('reads a time without a zone as UTC, and zoned ones as given', () => {
    expect(parseCallTime('2015-06-15T23:59:00.000')).toBe(Date.UTC(2015, 5, 15, 23, 59, 0));
    expect(parseCallTime('2015-06-15T23:58:30.000+0000')).toBe(Date.UTC(2015, 5, 15, 23, 58, 30));
    expect(parseCallTime('2013-05-17T11:45:32.000-0800')).toBe(Date.UTC(2013, 4, 17, 19, 45, 32));
    expect(parseCallTime('yesterday')).toBeNaN();
  });

  const media = { startMs: Date.UTC(2015, 5, 15, 23, 59, 0), stopMs: Date.UTC(2015, 5, 15, 23, 59, 59) };
  const timelineStart = Date.UTC(2015, 5, 15, 23, 58, 0);

  it('masks from each pause to the next resume, on the call timeline', () => {
    const spans = maskSpansFromPoints(
      [
        { time: '2015-06-15T23:59:20.000Z', type: 'resume' }, // before any pause: nothing to end
        { time: '2015-06-15T23:59:10.034Z', type: 'paused' },
        { time: '2015-06-15T23:59:15.500Z', type: 'resume' },
        { time: '2015-06-15T23:59:40.000Z', type: 'paused' },
        { time: '2015-06-15T23:59:45.000Z', type: 'resume' },
      ],
      media,
      timelineStart,
    );
    expect(spans).toEqual([
      { startTime: 70.03, endTime: 75.5 },
      { startTime: 100, endTime: 105 },
    ]);
  });

  it("masks to the file's end when no resume follows (Genesys' own sample resumes in 2013)", () => {
    const spans = maskSpansFromPoints(
      [
        { time: '2015-06-15T23:59:10.034Z', type: 'paused' },
        { time: '2013-06-15T23:59:20.034Z', type: 'resume' },
      ],
      media,
      timelineStart,
    );
    expect(spans).toEqual([{ startTime: 70.03, endTime: 119 }]);
  });
});
