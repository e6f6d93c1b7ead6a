import { compilePhrase, matchPhrase, prepareText } from './phrase-matcher';

const matches = (text: string, phrase: string) => matchPhrase(prepareText(text), compilePhrase(phrase));

describe('matchPhrase', () => {
  it('ignores case and punctuation', () => {
    expect(matches('THANK YOU, for calling Acme!', 'thank you for calling')).not.toBeNull();
  });

  it('matches inflections through stemming', () => {
    expect(matches('Recording for quality purposes.', 'recorded for quality')).not.toBeNull();
    expect(matches('this call is being recorded', 'this call is recorded')).not.toBeNull();
    expect(matches('we record all calls', 'calls are recorded')).toBeNull();
  });

  it('tolerates a misheard or missing word in a longer phrase', () => {
    expect(matches('this call maybe recorded for quality', 'this call may be recorded')).not.toBeNull();
    expect(matches('this cal may be recorded', 'this call may be recorded')).not.toBeNull();
    expect(matches('the call may be recorded', 'this call may be recorded')).not.toBeNull();
  });

  it('matches words run together or split apart', () => {
    expect(matches('goodbye', 'good bye')).not.toBeNull();
    expect(matches('good bye now', 'goodbye')).not.toBeNull();
  });

  it('does not match unrelated text that shares a word', () => {
    expect(matches('i will call you back later', 'this call may be recorded')).toBeNull();
    expect(matches('this is ridiculous', 'my name is')).toBeNull();
  });

  it('requires short phrases to match word for word', () => {
    expect(matches('hello acme plumbing', 'hello')).not.toBeNull();
    expect(matches('this is it', 'hi')).toBeNull();
  });

  it('reports where in the sentence the phrase was said', () => {
    const match = matches('Yes. Have a nice day, bye.', 'have a nice day');
    expect(match).toMatchObject({ start: 1, end: 5, cost: 0 });
  });
});
