import { Module, OnModuleInit } from '@nestjs/common';
import { RecordExtensions, RecordsModule } from '@app/records';
import { SearchEntriesRepository } from './search-entries.repository';
import { SearchService } from './search.service';

/** Search context: the search_entries table, kept in step by the pipeline, note edits and record deletion. */
@Module({
  imports: [RecordsModule],
  providers: [SearchEntriesRepository, SearchService],
  exports: [SearchService],
})
export class SearchModule implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly search: SearchService,
  ) {}

  onModuleInit(): void {
    // A deleted record vanishes from search in the same transaction that deletes it.
    this.extensions.onRecordsDeleted('search', (orgId, recordIds, manager) =>
      this.search.removeRecords(manager, orgId, recordIds),
    );
    this.extensions.onNoteChanged((change) =>
      change.text === null
        ? this.search.removeNote(undefined, change)
        : this.search.indexNote(undefined, { ...change, text: change.text }),
    );
    // An agent finds what it owns now, and nothing it no longer owns.
    this.extensions.onRecordChanged((change) => this.search.updateRecordScope(undefined, change));
  }
}
