import type { ErrorDetail } from '@app/core';
import {
  CONDITION_LIMITS,
  Condition,
  fieldKind,
  FieldKind,
  OPERATORS,
  Operator,
  OPERATORS_FOR,
} from './condition';
import { checkPattern } from './safe-regex';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;

class ConditionChecker {
  readonly problems: ErrorDetail[] = [];
  private leaves = 0;

  private fail(field: string, message: string): void {
    this.problems.push({ field, message: `${field} ${message}` });
  }

  check(input: unknown, path: string, depth: number): void {
    if (!isPlainObject(input)) {
      this.fail(path, `must be an object, got ${describe(input)}`);
      return;
    }
    const keys = Object.keys(input);
    const group = keys.find((key) => key === 'all' || key === 'any');
    if (group) {
      if (keys.length !== 1) {
        this.fail(path, `must have only "${group}" (found ${keys.map((k) => `"${k}"`).join(', ')})`);
        return;
      }
      this.checkGroup(input[group], `${path}.${group}`, depth);
      return;
    }
    this.checkLeaf(input, path);
  }

  private checkGroup(items: unknown, path: string, depth: number): void {
    if (depth >= CONDITION_LIMITS.maxDepth) {
      this.fail(path, `nests too deep (at most ${CONDITION_LIMITS.maxDepth} levels of all/any)`);
      return;
    }
    if (!Array.isArray(items) || items.length === 0) {
      this.fail(path, 'must be a non-empty list of conditions');
      return;
    }
    if (items.length > CONDITION_LIMITS.maxGroupSize) {
      this.fail(path, `must have at most ${CONDITION_LIMITS.maxGroupSize} conditions`);
      return;
    }
    items.forEach((item, index) => this.check(item, `${path}[${index}]`, depth + 1));
  }

  private checkLeaf(input: Record<string, unknown>, path: string): void {
    const unknownKeys = Object.keys(input).filter((key) => !['field', 'operator', 'value'].includes(key));
    if (unknownKeys.length > 0) {
      this.fail(
        `${path}.${unknownKeys[0]}`,
        'is not allowed (a condition is { field, operator, value }, { all } or { any })',
      );
      return;
    }
    this.leaves += 1;
    if (this.leaves === CONDITION_LIMITS.maxLeaves + 1)
      this.fail(path, `is one condition too many (at most ${CONDITION_LIMITS.maxLeaves} in a rule)`);
    const { field, operator, value } = input;
    if (typeof field !== 'string' || field.length === 0) {
      this.fail(`${path}.field`, 'must be a non-empty string');
      return;
    }
    const kind = fieldKind(field);
    if (!kind) {
      this.fail(`${path}.field`, `"${field.slice(0, 80)}" is not a known field`);
      return;
    }
    if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
      this.fail(`${path}.operator`, `must be one of ${OPERATORS.join(', ')}`);
      return;
    }
    const allowed = OPERATORS_FOR[kind.type];
    if (!allowed.includes(operator as Operator)) {
      this.fail(`${path}.operator`, `"${operator}" is not valid for ${field} (use ${allowed.join(', ')})`);
      return;
    }
    this.checkValue(kind, operator as Operator, value, `${path}.value`);
  }

  private checkValue(kind: FieldKind, operator: Operator, value: unknown, path: string): void {
    if (operator === 'in') {
      if (!Array.isArray(value) || value.length === 0) {
        this.fail(path, `must be a non-empty list for "in", got ${describe(value)}`);
        return;
      }
      if (value.length > CONDITION_LIMITS.maxListItems) {
        this.fail(path, `must have at most ${CONDITION_LIMITS.maxListItems} items`);
        return;
      }
      value.forEach((item, index) => this.checkScalar(kind, item, `${path}[${index}]`));
      return;
    }
    if (operator === 'matches') {
      if (typeof value !== 'string') {
        this.fail(path, `must be a regular expression string, got ${describe(value)}`);
        return;
      }
      const problem = checkPattern(value);
      if (problem) this.fail(path, problem);
      return;
    }
    this.checkScalar(kind, value, path);
  }

  private checkScalar(kind: FieldKind, value: unknown, path: string): void {
    switch (kind.type) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          this.fail(path, `must be a number, got ${describe(value)}`);
        return;
      case 'enum':
        if (typeof value !== 'string' || !kind.values.includes(value))
          this.fail(path, `must be one of ${kind.values.join(', ')}`);
        return;
      case 'tags':
      case 'text':
        if (typeof value !== 'string' || value.trim().length === 0)
          this.fail(path, `must be a non-empty string, got ${describe(value)}`);
        else if (value.length > CONDITION_LIMITS.maxTextLength)
          this.fail(path, `must be at most ${CONDITION_LIMITS.maxTextLength} characters`);
        return;
      default: {
        const unhandled: never = kind;
        throw new Error(`Unknown field kind ${JSON.stringify(unhandled)}`);
      }
    }
  }
}

/**
 * Checks a condition as a client sent it. Returns the condition typed, or the problems, each naming its path
 * (`condition.all[1].operator`) so the 400 says exactly which part is wrong.
 */
export function validateCondition(
  input: unknown,
  path = 'condition',
): { condition: Condition; problems: [] } | { condition?: undefined; problems: ErrorDetail[] } {
  const checker = new ConditionChecker();
  checker.check(input, path, 0);
  if (checker.problems.length > 0) return { problems: checker.problems };
  return { condition: input as Condition, problems: [] };
}
