import { countryOf, nationalDigits, toE164 } from '@app/core';

export interface MatchKeys {
  phonesE164: string[];
  phonesNational: string[];
  emails: string[];
}

/** A number that is not one: reported by the caller (400 naming the field, or the import row). */
export class UnreadablePhone extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not a phone number in international form (e.g. +1 555 010 4567)`);
  }
}

/** The forms a customer is matched by: its numbers in E.164 and as national numbers, its e-mails in lower case. */
export function matchKeysOf(
  phoneNumbers: string[] | null = [],
  emailAddresses: string[] | null = [],
): MatchKeys {
  const phonesE164 = (phoneNumbers ?? []).map((value) => {
    const e164 = toE164(value);
    if (!e164) throw new UnreadablePhone(value);
    return e164;
  });
  return {
    phonesE164: [...new Set(phonesE164)],
    phonesNational: [...new Set(phonesE164.map(nationalDigits))],
    emails: [...new Set((emailAddresses ?? []).map((email) => email.trim().toLowerCase()))],
  };
}

/**
 * The numbers of a call in the forms customers are matched by. A number without a country code is read in the
 * country of the call's other numbers (the organisation's calls are mostly domestic), else only its national
 * digits count.
 */
export function callKeysOf(numbers: Array<string | null | undefined>): {
  e164: string[];
  national: string[];
} {
  const given = numbers.filter((value): value is string => !!value && /\d/.test(value));
  const international = given.map((value) => toE164(value)).filter((value): value is string => !!value);
  const country = international.map(countryOf).find(Boolean);
  const e164 = [
    ...new Set(given.map((value) => toE164(value, country)).filter((value): value is string => !!value)),
  ];
  const national = [
    ...new Set([
      ...e164.map(nationalDigits),
      ...given
        .map((value) => value.replace(/\D/g, ''))
        .filter((digits) => digits.length >= 7 && digits.length <= 10),
    ]),
  ];
  return { e164, national };
}
