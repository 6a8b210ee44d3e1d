import { Module } from '@nestjs/common';
import { ApologyController } from './apology.controller';
import { IssueApologyUseCase } from './issue-apology.use-case';

/** Apology and new appointment (form 04). */
@Module({ controllers: [ApologyController], providers: [IssueApologyUseCase] })
export class ApologyModule {}
