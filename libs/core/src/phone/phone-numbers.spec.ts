import { nationalDigits, toE164 } from './phone-numbers';

describe('toE164', () => {
  it('reads one number however it is written', () => {
    expect(toE164('+1 555 010 4567')).toBe('+15550104567');
    expect(toE164('15550104567')).toBe('+15550104567');
    expect(toE164('(555) 010-4567', 'US')).toBe('+15550104567');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('refuses what is not a phone number, and a national number with no country to read it in', () => {
    expect(toE164('not a number')).toBeNull();
    expect(toE164('12')).toBeNull();
    expect(toE164('(555) 010-4567')).toBeNull();
  });

  it('gives the national digits every form contains', () => {
    expect(nationalDigits('+15550104567')).toBe('5550104567');
  });
});
