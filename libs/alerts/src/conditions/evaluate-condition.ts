import type { AlertFacts } from './alert-facts';
import { Condition, isAll, isAny, LeafCondition } from './condition';
import { compilePattern } from './safe-regex';

export interface MatchedLeaf {
  field: string;
  /** The record's value that satisfied the condition (for the transcript, the text that matched). */
  value: unknown;
}

export type Evaluation = { matched: true; leaf: MatchedLeaf } | { matched: false };

const NO_MATCH: Evaluation = { matched: false };
/** Longest transcript excerpt an alert event keeps as its matched value. */
const MAX_MATCHED_TEXT = 200;

function factOf(facts: AlertFacts, field: string): unknown {
  if (field.startsWith('metrics.')) return facts.metrics[field.slice('metrics.'.length)] ?? null;
  if (field.startsWith('categories.')) return facts.categories[field.slice('categories.'.length)] ?? null;
  return (facts as unknown as Record<string, unknown>)[field] ?? null;
}

const hit = (field: string, value: unknown): Evaluation => ({ matched: true, leaf: { field, value } });

function evaluateNumber(leaf: LeafCondition, actual: number): boolean {
  const { operator, value } = leaf;
  switch (operator) {
    case 'lt':
      return actual < (value as number);
    case 'lte':
      return actual <= (value as number);
    case 'gt':
      return actual > (value as number);
    case 'gte':
      return actual >= (value as number);
    case 'eq':
      return actual === value;
    case 'neq':
      return actual !== value;
    case 'in':
      return (value as unknown[]).includes(actual);
    case 'contains':
    case 'matches':
      return false;
  }
}

function evaluateWord(leaf: LeafCondition, actual: string): boolean {
  switch (leaf.operator) {
    case 'eq':
      return actual === leaf.value;
    case 'neq':
      return actual !== leaf.value;
    case 'in':
      return (leaf.value as unknown[]).includes(actual);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'contains':
    case 'matches':
      return false;
  }
}

function evaluateTags(leaf: LeafCondition, tags: string[]): Evaluation {
  const wanted = (leaf.operator === 'in' ? (leaf.value as string[]) : [leaf.value as string]).map((tag) =>
    tag.trim().toLowerCase(),
  );
  const found = tags.find((tag) => wanted.includes(tag.trim().toLowerCase()));
  return found === undefined ? NO_MATCH : hit(leaf.field, found);
}

function evaluateText(leaf: LeafCondition, text: string): Evaluation {
  if (leaf.operator === 'contains') {
    const phrase = (leaf.value as string).toLowerCase();
    const at = text.toLowerCase().indexOf(phrase);
    return at < 0 ? NO_MATCH : hit(leaf.field, text.slice(at, at + phrase.length).slice(0, MAX_MATCHED_TEXT));
  }
  if (leaf.operator === 'matches') {
    const match = compilePattern(leaf.value as string).exec(text);
    return match ? hit(leaf.field, match[0].slice(0, MAX_MATCHED_TEXT)) : NO_MATCH;
  }
  return NO_MATCH;
}

function evaluateLeaf(leaf: LeafCondition, facts: AlertFacts): Evaluation {
  const actual = factOf(facts, leaf.field);
  if (leaf.field === 'tags') return evaluateTags(leaf, facts.tags);
  if (leaf.field === 'transcript') return evaluateText(leaf, facts.transcript);
  // A value the record does not have matches nothing, not even `neq`: an unanalysed call is not "not failed".
  if (typeof actual === 'number') return evaluateNumber(leaf, actual) ? hit(leaf.field, actual) : NO_MATCH;
  if (typeof actual === 'string') return evaluateWord(leaf, actual) ? hit(leaf.field, actual) : NO_MATCH;
  return NO_MATCH;
}

/**
 * Evaluates a validated condition against a record's facts. Pure. `all` matches when every part does and reports
 * its first part's leaf; `any` reports the first part that matches. Both stop at the first decisive part.
 */
export function evaluateCondition(condition: Condition, facts: AlertFacts): Evaluation {
  if (isAll(condition)) {
    let first: Evaluation = NO_MATCH;
    for (const part of condition.all) {
      const result = evaluateCondition(part, facts);
      if (!result.matched) return NO_MATCH;
      if (!first.matched) first = result;
    }
    return first;
  }
  if (isAny(condition)) {
    for (const part of condition.any) {
      const result = evaluateCondition(part, facts);
      if (result.matched) return result;
    }
    return NO_MATCH;
  }
  return evaluateLeaf(condition, facts);
}
