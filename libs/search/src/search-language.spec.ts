import {
  DEFAULT_SEARCH_CONFIGURATION,
  SEARCH_CONFIGURATIONS,
  searchConfigurationFor,
} from './search-language';

describe('searchConfigurationFor', () => {
  it('stems English when a record names no language', () => {
    expect(searchConfigurationFor(null)).toBe('english');
    expect(searchConfigurationFor(undefined)).toBe('english');
    expect(searchConfigurationFor('  ')).toBe(DEFAULT_SEARCH_CONFIGURATION);
  });

  it('maps ISO codes with or without a region to their stemmer', () => {
    expect(searchConfigurationFor('de')).toBe('german');
    expect(searchConfigurationFor('pt-BR')).toBe('portuguese');
    expect(searchConfigurationFor('en_US')).toBe('english');
    expect(searchConfigurationFor('FR')).toBe('french');
    expect(searchConfigurationFor('nb')).toBe('norwegian');
  });

  it('falls back to simple for languages PostgreSQL cannot stem', () => {
    expect(searchConfigurationFor('ja')).toBe('simple');
    expect(searchConfigurationFor('pl')).toBe('simple');
  });

  it('only ever yields configurations of the known set', () => {
    for (const code of ['en', 'de', 'xx', 'ja', 'sv', 'tr'])
      expect(SEARCH_CONFIGURATIONS.has(searchConfigurationFor(code))).toBe(true);
  });
});
