import * as chrono from 'chrono-node';

const END_OF_DAY =
  /\b(?:by |before )?(?:the )?end of (?:the )?(?:day|business(?: day)?)\b|\bEOD\b|\bclose of business\b/i;
const BUSINESS_DAYS = /\bwithin (\d+|one|two|three|four|five) (?:business|working) days?\b/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

const endOfDay = (date: Date) => {
  const end = new Date(date);
  end.setUTCHours(23, 59, 59, 0);
  return end;
};

function addBusinessDays(from: Date, days: number): Date {
  const date = new Date(from);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return endOfDay(date);
}

/**
 * When something promised in `text` is due, read from its words relative to when the call took place ("today",
 * "tomorrow morning", "by Friday", "within 48 hours", "within two business days"); null when the words name no time.
 * A day named without a time is due at its end (UTC); a past weekday means the next one.
 */
export function dueDateOf(text: string, callDate: Date): Date | null {
  if (END_OF_DAY.test(text)) return endOfDay(callDate);
  const business = BUSINESS_DAYS.exec(text);
  if (business) {
    const count = NUMBER_WORDS[business[1].toLowerCase()] ?? Number(business[1]);
    return addBusinessDays(callDate, count);
  }
  const [found] = chrono.parse(text, { instant: callDate, timezone: 'UTC' }, { forwardDate: true });
  if (!found) return null;
  const date = found.start.date();
  const timed =
    found.start.isCertain('hour') ||
    /\b(?:hours?|minutes?|morning|afternoon|evening|noon|tonight|midday)\b/i.test(found.text);
  return timed ? date : endOfDay(date);
}
