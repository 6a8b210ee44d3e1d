import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { InboxUseCase } from './inbox.use-case';
import { SupervisionController } from './supervision.controller';

/** Agency inbox (claim, assign, complete, bulk reassign) and the supervisors' dead-letter view. */
@Module({ controllers: [InboxController, SupervisionController], providers: [InboxUseCase] })
export class InboxModule {}
