export * from './search.module';
export * from './search.service';
export * from './dto/search-query.dto';
export { SEARCH_ENTRY_KINDS, MAX_ENTRY_CHARS } from './search-entry.types';
export type { SearchEntryKind, SearchRequest } from './search-entry.types';
export { searchConfigurationFor, SEARCH_CONFIGURATIONS } from './search-language';
export { buildSearchStatement, CONFIGURATIONS_SQL, SEARCH_SETTINGS_SQL } from './search-sql';
