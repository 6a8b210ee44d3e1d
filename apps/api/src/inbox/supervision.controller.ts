import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { ClockService } from '@motcua/platform';
import { StepTaskRepository } from '@motcua/persistence';
import { retryDeadLetteredStep } from '@motcua/application';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { decodeKeysetCursor, keysetPage } from '../common/pagination/keyset-cursor';
import { KeysetQueryDto } from '../common/pagination/keyset-query.dto';
import { DeadLetterDto, DeadLetterPageDto } from './dto/dead-letter.dto';
import { StepTaskResponseDto } from './dto/step-task-response.dto';

@ApiTags('supervision')
@Controller('supervision/dead-letters')
export class SupervisionController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Connector steps that failed every attempt, in agencies under my agency' })
  @ApiOkResponse({ type: DeadLetterPageDto })
  async list(@CurrentActor() actor: Actor, @Query() query: KeysetQueryDto): Promise<DeadLetterPageDto> {
    const after = query.cursor ? decodeKeysetCursor(query.cursor) : undefined;
    const rows = await new StepTaskRepository(this.dataSource.manager).listDeadLetters(
      actor.agencyPath,
      query.limit + 1,
      after && { deadLetteredAt: after.at, id: after.id },
    );
    return keysetPage(rows, query.limit, (row) => ({ at: row.deadLetteredAt, id: row.id }), DeadLetterDto.of);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Retry a dead-lettered step: back to open, dispatched again to its agency queue' })
  @ApiOkResponse({ type: StepTaskResponseDto })
  async retry(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<StepTaskResponseDto> {
    const task = await this.dataSource.transaction((manager) =>
      retryDeadLetteredStep(manager, {
        stepTaskId: id,
        agencyPathPrefix: actor.agencyPath,
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        now: this.clock.now(),
      }),
    );
    return StepTaskResponseDto.of(task);
  }
}
