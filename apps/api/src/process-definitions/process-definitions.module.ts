import { Module } from '@nestjs/common';
import { ProcessDefinitionsController } from './process-definitions.controller';
import { ProcessDefinitionsUseCase } from './process-definitions.use-case';

/** Versioned process definitions (admin). */
@Module({ controllers: [ProcessDefinitionsController], providers: [ProcessDefinitionsUseCase] })
export class ProcessDefinitionsModule {}
