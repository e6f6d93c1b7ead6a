import { METRIC_NAMES } from '@app/analysis';
/** Operators of api.md "Alerts". */
export const OPERATORS = ['lt', 'lte', 'gt', 'gte', 'eq', 'neq', 'in', 'contains', 'matches'] as const;
export type Operator = (typeof OPERATORS)[number];

export type LeafValue = number | string | Array<number | string>;

export interface LeafCondition {
  field: string;
  operator: Operator;
  value: LeafValue;
}

export interface AllCondition {
  all: Condition[];
}

export interface AnyCondition {
  any: Condition[];
}

/** `{ field, operator, value }`, or a group matching when all / any of its conditions match. */
export type Condition = LeafCondition | AllCondition | AnyCondition;

export const isAll = (condition: Condition): condition is AllCondition => 'all' in condition;
export const isAny = (condition: Condition): condition is AnyCondition => 'any' in condition;

/** What a condition compares: a number, one of a fixed set of words, a list of tags, or the transcript text. */
export type FieldKind =
  { type: 'number' } | { type: 'enum'; values: readonly string[] } | { type: 'tags' } | { type: 'text' };

export const SENTIMENT_LABELS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const;
export const COMPLIANCE_STATUSES = ['passed', 'failed'] as const;
export const CALL_DIRECTIONS = ['IN', 'OUT', 'INTERNAL'] as const;

/** The conversation metrics of api.md "Analyses" (the analysis context's list); `metrics.<name>` accepts only these. */
export { METRIC_NAMES };

const FIXED_FIELDS: Record<string, FieldKind> = {
  qualityScore: { type: 'number' },
  complianceStatus: { type: 'enum', values: COMPLIANCE_STATUSES },
  sentiment: { type: 'enum', values: SENTIMENT_LABELS },
  sentimentScore: { type: 'number' },
  duration: { type: 'number' },
  direction: { type: 'enum', values: CALL_DIRECTIONS },
  tags: { type: 'tags' },
  transcript: { type: 'text' },
};

/** Scorecard categories are named by each organisation's profiles, so any sane identifier is accepted. */
const CATEGORY_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The kind of a condition field, or undefined for a field alerts do not know. */
export function fieldKind(field: string): FieldKind | undefined {
  if (Object.prototype.hasOwnProperty.call(FIXED_FIELDS, field)) return FIXED_FIELDS[field];
  if (field.startsWith('metrics.')) {
    const name = field.slice('metrics.'.length);
    return (METRIC_NAMES as readonly string[]).includes(name) ? { type: 'number' } : undefined;
  }
  if (field.startsWith('categories.')) {
    return CATEGORY_NAME.test(field.slice('categories.'.length)) ? { type: 'number' } : undefined;
  }
  return undefined;
}

/** Which operators make sense for each kind of field. */
export const OPERATORS_FOR: Record<FieldKind['type'], readonly Operator[]> = {
  number: ['lt', 'lte', 'gt', 'gte', 'eq', 'neq', 'in'],
  enum: ['eq', 'neq', 'in'],
  tags: ['contains', 'in'],
  text: ['contains', 'matches'],
};

/** Bounds that keep one rule cheap to store and to evaluate on every record. */
export const CONDITION_LIMITS = {
  /** Nesting of all/any groups below the top-level condition. */
  maxDepth: 5,
  /** Leaves in the whole tree. */
  maxLeaves: 50,
  /** Conditions in one group. */
  maxGroupSize: 20,
  /** Items of an `in` list. */
  maxListItems: 50,
  /** Length of a `contains` phrase, enum or tag value. */
  maxTextLength: 500,
  /** Length of a `matches` pattern (see safe-regex.ts). */
  maxPatternLength: 200,
} as const;
