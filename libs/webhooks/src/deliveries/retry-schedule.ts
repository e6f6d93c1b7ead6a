/** WEBHOOK_RETRY_SCHEDULE_SECONDS as delays in seconds, one per attempt of a series. */
export const parseRetrySchedule = (raw: string): number[] =>
  raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);

export type AttemptVerdict = 'succeeded' | 'gone' | 'failed';

/** Only a 2xx is a success; 410 Gone means the receiver asks to be unsubscribed; everything else (3xx too) fails. */
export function verdictOf(statusCode: number | undefined): AttemptVerdict {
  if (statusCode === undefined) return 'failed';
  if (statusCode >= 200 && statusCode < 300) return 'succeeded';
  if (statusCode === 410) return 'gone';
  return 'failed';
}

/** The delay before the attempt after `attempt` in the series that began at `seriesStart`; null when none is left. */
export function retryDelaySeconds(schedule: number[], attempt: number, seriesStart: number): number | null {
  const next = attempt - seriesStart + 1;
  return next < schedule.length ? schedule[next] : null;
}
