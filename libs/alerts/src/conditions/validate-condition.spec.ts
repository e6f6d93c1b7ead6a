import { CONDITION_LIMITS } from './condition';
import { checkPattern } from './safe-regex';
import { validateCondition } from './validate-condition';

const problemsOf = (input: unknown) => validateCondition(input).problems;
const fieldsOf = (input: unknown) => problemsOf(input).map((problem) => problem.field);

const leaf = { field: 'qualityScore', operator: 'lt', value: 50 };

describe('validateCondition', () => {
  it('accepts every field with its operators and nesting', () => {
    const condition = {
      all: [
        leaf,
        { field: 'complianceStatus', operator: 'eq', value: 'failed' },
        { field: 'sentiment', operator: 'in', value: ['NEGATIVE', 'NEUTRAL'] },
        { field: 'sentimentScore', operator: 'lte', value: -0.2 },
        { field: 'duration', operator: 'gt', value: 600 },
        { field: 'direction', operator: 'neq', value: 'INTERNAL' },
        { field: 'tags', operator: 'contains', value: 'vip' },
        { field: 'tags', operator: 'in', value: ['vip', 'churn'] },
        {
          any: [
            { field: 'transcript', operator: 'contains', value: 'cancel my subscription' },
            { field: 'transcript', operator: 'matches', value: '\\b(lawyer|attorney)s?\\b' },
            { field: 'metrics.interruptions', operator: 'gte', value: 5 },
            { field: 'categories.greeting', operator: 'lt', value: 60 },
          ],
        },
      ],
    };
    expect(validateCondition(condition)).toEqual({ condition, problems: [] });
  });

  it('names an unknown field by its path', () => {
    expect(fieldsOf({ all: [leaf, { field: 'mood', operator: 'eq', value: 'x' }] })).toEqual([
      'condition.all[1].field',
    ]);
    expect(fieldsOf({ field: 'metrics.happiness', operator: 'gt', value: 1 })).toEqual(['condition.field']);
    expect(fieldsOf({ field: 'categories.', operator: 'gt', value: 1 })).toEqual(['condition.field']);
    expect(fieldsOf({ field: 'constructor', operator: 'eq', value: 1 })).toEqual(['condition.field']);
  });

  it('names an operator that does not fit the field', () => {
    expect(fieldsOf({ all: [leaf, { field: 'qualityScore', operator: 'contains', value: 'x' }] })).toEqual([
      'condition.all[1].operator',
    ]);
    expect(fieldsOf({ field: 'transcript', operator: 'gt', value: 3 })).toEqual(['condition.operator']);
    expect(fieldsOf({ field: 'sentiment', operator: 'matches', value: 'NEG.*' })).toEqual([
      'condition.operator',
    ]);
    expect(fieldsOf({ field: 'duration', operator: 'between', value: 3 })).toEqual(['condition.operator']);
  });

  it('names a value of the wrong type', () => {
    expect(fieldsOf({ any: [{ field: 'qualityScore', operator: 'lt', value: '50' }] })).toEqual([
      'condition.any[0].value',
    ]);
    expect(fieldsOf({ field: 'sentiment', operator: 'eq', value: 'ANGRY' })).toEqual(['condition.value']);
    expect(fieldsOf({ field: 'direction', operator: 'in', value: 'IN' })).toEqual(['condition.value']);
    expect(fieldsOf({ field: 'direction', operator: 'in', value: ['IN', 'SIDEWAYS'] })).toEqual([
      'condition.value[1]',
    ]);
    expect(fieldsOf({ field: 'transcript', operator: 'contains', value: '   ' })).toEqual([
      'condition.value',
    ]);
    expect(fieldsOf({ field: 'qualityScore', operator: 'eq', value: null })).toEqual(['condition.value']);
  });

  it('names a bad regular expression', () => {
    const problems = problemsOf({
      all: [leaf, { field: 'transcript', operator: 'matches', value: '(unclosed' }],
    });
    expect(problems.map((p) => p.field)).toEqual(['condition.all[1].value']);
    expect(problems[0].message).toMatch(/not a valid regular expression/);
    expect(fieldsOf({ field: 'transcript', operator: 'matches', value: '(a+)+$' })).toEqual([
      'condition.value',
    ]);
  });

  it('names malformed shapes', () => {
    expect(fieldsOf('qualityScore < 50')).toEqual(['condition']);
    expect(fieldsOf({ all: [] })).toEqual(['condition.all']);
    expect(fieldsOf({ all: [leaf], any: [leaf] })).toEqual(['condition']);
    expect(fieldsOf({ ...leaf, extra: 1 })).toEqual(['condition.extra']);
    expect(fieldsOf({ any: [leaf, [leaf]] })).toEqual(['condition.any[1]']);
  });

  it('bounds depth, group size and the number of leaves', () => {
    let deep: unknown = leaf;
    for (let i = 0; i < CONDITION_LIMITS.maxDepth + 1; i += 1) deep = { all: [deep] };
    expect(problemsOf(deep)[0].message).toMatch(/too deep/);

    let allowed: unknown = leaf;
    for (let i = 0; i < CONDITION_LIMITS.maxDepth; i += 1) allowed = { any: [allowed] };
    expect(problemsOf(allowed)).toEqual([]);

    expect(fieldsOf({ all: Array.from({ length: CONDITION_LIMITS.maxGroupSize + 1 }, () => leaf) })).toEqual([
      'condition.all',
    ]);
    const group = { any: Array.from({ length: 10 }, () => leaf) };
    expect(problemsOf({ all: Array.from({ length: 6 }, () => group) })[0].message).toMatch(/too many/);
    expect(problemsOf({ all: Array.from({ length: 5 }, () => group) })).toEqual([]);
  });

  it('reports every problem, each with its own path', () => {
    expect(
      fieldsOf({
        all: [
          { field: 'nope', operator: 'eq', value: 1 },
          { field: 'qualityScore', operator: 'lt', value: 'x' },
        ],
      }),
    ).toEqual(['condition.all[0].field', 'condition.all[1].value']);
  });
});

describe('checkPattern', () => {
  it.each([
    'refund',
    '\\bcancel(l?ed)?\\b',
    '(lawyer|attorney)s?',
    '[0-9]{4}-[0-9]{4}',
    'a.*b',
    '(?:ab)+',
    '\\d+\\s\\w+',
  ])('accepts %s', (pattern) => expect(checkPattern(pattern)).toBeUndefined());

  it.each([
    ['(a+)+', /catastrophic/],
    ['(a*)*b', /catastrophic/],
    ['(a|a)*', /catastrophic/],
    ['(\\w+\\s?)*$', /catastrophic/],
    ['(?:x{1,3}){2,}', /catastrophic/],
    ['((ab)*c)+', /catastrophic/],
    ['(a)\\1', /backreferences/],
    ['(?<w>a)\\k<w>', /backreferences/],
    ['[', /not a valid/],
    ['', /empty/],
    ['a'.repeat(CONDITION_LIMITS.maxPatternLength + 1), /at most/],
  ])('rejects %s', (pattern, reason) => expect(checkPattern(pattern)).toMatch(reason));

  it('keeps a character class with brackets and quantifiers as one atom', () => {
    expect(checkPattern('([+*()]x)+')).toBeUndefined();
  });
});
