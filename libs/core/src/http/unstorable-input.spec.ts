import { MAX_INPUT_DEPTH, unstorableInput } from './unstorable-input';

describe('unstorableInput', () => {
  it('accepts ordinary input, unicode included', () => {
    expect(unstorableInput({ name: 'Zoë 🎧', tags: ['a', { b: [1, true, null] }] })).toBeNull();
  });

  it('names a NUL character in a value or a key', () => {
    expect(unstorableInput({ notes: [{ noteText: 'a\u0000b' }] })).toBe(
      'body.notes.0.noteText must not contain a NUL character',
    );
    expect(unstorableInput({ ['x\u0000']: 1 }, 'query')).toBe('query has a key with a NUL character');
  });

  it('refuses nesting past the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unstorableInput(deep)).toBe(`body is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) fine = { a: fine };
    expect(unstorableInput(fine)).toBeNull();
  });
});
