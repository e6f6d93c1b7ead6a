import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in E.164 form (`+15550104567`), or null when it is not one. Written with a leading `+` it is read
 * as international; otherwise in `defaultCountry` when given, else as international digits if it has at least 11
 * (`15550104567`). So `+1 555 010 4567`, `15550104567` and, for a US caller, `(555) 010-4567` are the same number.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | null {
  const text = input.trim();
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  const candidates = text.startsWith('+')
    ? [parsePhoneNumberFromString(text)]
    : [
        defaultCountry ? parsePhoneNumberFromString(text, defaultCountry) : undefined,
        digits.length >= 11 ? parsePhoneNumberFromString(`+${digits}`) : undefined,
      ];
  const found = candidates.find((number) => number?.isPossible());
  return found ? found.number : null;
}

/** The country of an E.164 number, to read national numbers stored beside it. */
export function countryOf(e164: string): CountryCode | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/** The national significant number's digits: what every way of writing the number contains. */
export function nationalDigits(e164: string): string {
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? e164.replace(/\D/g, '');
}
