/**
 * PostgreSQL text-search configurations by ISO 639-1 code: the ones every PostgreSQL since 13 ships with.
 * A language without a stemmer here is indexed with `simple` (lower-cased words, no stemming, no stop words),
 * which still finds exact words rather than nothing.
 */
const CONFIGURATIONS: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

export const DEFAULT_SEARCH_CONFIGURATION = 'english';
export const FALLBACK_SEARCH_CONFIGURATION = 'simple';

/** Every configuration a row can carry; the search query only ever names one of these. */
export const SEARCH_CONFIGURATIONS: ReadonlySet<string> = new Set([
  ...Object.values(CONFIGURATIONS),
  FALLBACK_SEARCH_CONFIGURATION,
]);

/**
 * The text-search configuration for a record's language: English when none is set, the stemmer of the language's
 * primary subtag ("de", "pt-BR", "en_US"), or `simple` for a language PostgreSQL cannot stem.
 */
export function searchConfigurationFor(language: string | null | undefined): string {
  const trimmed = language?.trim();
  if (!trimmed) return DEFAULT_SEARCH_CONFIGURATION;
  const primary = trimmed.toLowerCase().split(/[-_]/)[0];
  return CONFIGURATIONS[primary] ?? FALLBACK_SEARCH_CONFIGURATION;
}
