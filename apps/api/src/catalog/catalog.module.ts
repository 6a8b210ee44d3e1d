import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { CatalogUseCase } from './catalog.use-case';

/** Procedure catalog and agencies. */
@Module({ controllers: [CatalogController], providers: [CatalogUseCase] })
export class CatalogModule {}
