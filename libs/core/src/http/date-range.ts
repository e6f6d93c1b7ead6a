/**
 * The upper bound of a `from`/`to` filter: a day given without a time ("2026-03-05", which parses to midnight UTC)
 * means the whole day, so it becomes that day's last millisecond; a bound with a time is kept as it is.
 */
export const inclusiveUpperBound = (date: Date): Date =>
  date.getUTCHours() === 0 &&
  date.getUTCMinutes() === 0 &&
  date.getUTCSeconds() === 0 &&
  date.getUTCMilliseconds() === 0
    ? new Date(date.getTime() + 24 * 3600 * 1000 - 1)
    : date;
