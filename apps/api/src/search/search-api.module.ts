import { Module } from '@nestjs/common';
import { SearchModule } from '@app/search';
import { SearchController } from './search.controller';

@Module({ imports: [SearchModule], controllers: [SearchController] })
export class SearchApiModule {}
