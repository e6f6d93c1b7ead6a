import { parseRetrySchedule, retryDelaySeconds, verdictOf } from './retry-schedule';

describe('retry schedule', () => {
  const svix = parseRetrySchedule('0,5,300,1800,7200,18000,36000,36000');

  it('parses the comma list', () => {
    expect(svix).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(parseRetrySchedule(' 0, 1 ,2 ')).toEqual([0, 1, 2]);
  });

  it('waits the delay of the next position of the series, then gives up', () => {
    expect(retryDelaySeconds(svix, 1, 1)).toBe(5);
    expect(retryDelaySeconds(svix, 2, 1)).toBe(300);
    expect(retryDelaySeconds(svix, 7, 1)).toBe(36000);
    expect(retryDelaySeconds(svix, 8, 1)).toBeNull();
  });

  it('counts positions from the start of a redelivery series', () => {
    expect(retryDelaySeconds(svix, 9, 9)).toBe(5);
    expect(retryDelaySeconds(svix, 16, 9)).toBeNull();
  });
});

describe('verdictOf', () => {
  it.each([
    [200, 'succeeded'],
    [204, 'succeeded'],
    [299, 'succeeded'],
    [301, 'failed'],
    [302, 'failed'],
    [400, 'failed'],
    [410, 'gone'],
    [500, 'failed'],
    [undefined, 'failed'],
  ] as const)('%s is %s', (status, verdict) => {
    expect(verdictOf(status)).toBe(verdict);
  });
});
