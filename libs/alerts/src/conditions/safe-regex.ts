import { CONDITION_LIMITS } from './condition';

/**
 * The `matches` policy. JavaScript regular expressions backtrack, and a rule runs on every record of the
 * organisation inside a worker, so one catastrophic pattern would stall the alerting queue for everybody. A time
 * budget cannot interrupt a running RegExp on the main thread, so patterns are judged before they are stored:
 * - at most CONDITION_LIMITS.maxPatternLength characters, and it must compile;
 * - no backreferences (`\1`, `\k<name>`), which make matching exponential by construction;
 * - no repeated group (`(...)*`, `(...)+`, `(...){2,}`) that itself contains a quantifier or an alternation:
 *   the nested-quantifier shapes (`(a+)+`, `(a|a)*`, `(\w+\s?)*`) behind catastrophic backtracking.
 * What remains is at worst polynomial, and the transcript text it runs on is capped (MAX_TRANSCRIPT_CHARS).
 * Matching is case-insensitive.
 */
export function checkPattern(pattern: string): string | undefined {
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > CONDITION_LIMITS.maxPatternLength)
    return `must be at most ${CONDITION_LIMITS.maxPatternLength} characters`;
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  return findUnsafeShape(pattern);
}

export const compilePattern = (pattern: string): RegExp => new RegExp(pattern, 'i');

interface GroupFrame {
  repeats: boolean;
  alternates: boolean;
}

/** Reads a quantifier at `index`; returns its length and whether it lets the atom repeat more than once. */
function quantifierAt(pattern: string, index: number): { length: number; repeats: boolean } | undefined {
  const char = pattern[index];
  if (char === '*' || char === '+') return { length: 1, repeats: true };
  if (char === '?') return { length: 1, repeats: false };
  if (char === '{') {
    const bounds = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
    if (!bounds) return undefined;
    const max = bounds[2] === undefined ? Number(bounds[1]) : bounds[3] === '' ? Infinity : Number(bounds[3]);
    return { length: bounds[0].length, repeats: max > 1 };
  }
  return undefined;
}

function findUnsafeShape(pattern: string): string | undefined {
  const stack: GroupFrame[] = [{ repeats: false, alternates: false }];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'must not use backreferences';
      index += 2;
    } else if (char === '[') {
      // a character class is one atom: skip to its closing bracket
      index += 1;
      if (pattern[index] === '^') index += 1;
      if (pattern[index] === ']') index += 1;
      while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
      index += 1;
    } else if (char === '(') {
      stack.push({ repeats: false, alternates: false });
      index += 1;
      // (?: (?= (?! (?<= (?<! (?<name> are group kinds, not quantifiers
      if (pattern[index] === '?') {
        index += 1;
        if (pattern[index] === '<' && pattern[index + 1] !== '=' && pattern[index + 1] !== '!') {
          index = pattern.indexOf('>', index) + 1;
        } else {
          index += pattern[index] === '<' ? 2 : 1;
        }
      }
    } else if (char === ')') {
      const group = stack.length > 1 ? stack.pop()! : { repeats: false, alternates: false };
      index += 1;
      const quantifier = quantifierAt(pattern, index);
      if (quantifier?.repeats && (group.repeats || group.alternates))
        return 'must not repeat a group that contains a quantifier or an alternation (catastrophic backtracking)';
      if (quantifier) index += quantifier.length;
      const parent = stack[stack.length - 1];
      parent.repeats ||= group.repeats || Boolean(quantifier?.repeats);
      parent.alternates ||= group.alternates;
    } else if (char === '|') {
      stack[stack.length - 1].alternates = true;
      index += 1;
    } else {
      const quantifier = quantifierAt(pattern, index);
      if (quantifier) {
        if (quantifier.repeats) stack[stack.length - 1].repeats = true;
        index += quantifier.length;
        if (pattern[index] === '?') index += 1; // lazy modifier
      } else {
        index += 1;
      }
    }
  }
  return undefined;
}
