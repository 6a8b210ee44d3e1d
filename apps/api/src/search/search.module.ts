import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchDossiersUseCase } from './search-dossiers.use-case';

@Module({ controllers: [SearchController], providers: [SearchDossiersUseCase] })
export class SearchModule {}
