import { modernSpellings } from './written-forms';

const spell = (text: string) =>
  modernSpellings(text.split(' ').map((word) => ({ text: word, confidence: 0.8 })))
    .map((word) => word.text)
    .join(' ');

describe('modernSpellings', () => {
  it("writes the audiobook spellings of Moonshine's training the way people write them now", () => {
    expect(spell('I will call you to-morrow, or To-day.')).toBe('I will call you tomorrow, or Today.');
    expect(spell('Is every one safe? No body told me. Good-bye.')).toBe(
      'Is everyone safe? Nobody told me. Goodbye.',
    );
  });

  it('leaves "every one of" and words split by punctuation alone', () => {
    expect(spell('every one of them')).toBe('every one of them');
    expect(spell('any, one')).toBe('any, one');
    expect(spell('the refund is today')).toBe('the refund is today');
  });
});
