import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { ClockService } from '@motcua/platform';
import { StepTaskEntity, stepTaskNotFound, StepTaskRepository } from '@motcua/persistence';
import { assignStepTask, claimStepTask, completeStepTask } from '@motcua/application';
import { DataSource } from 'typeorm';
import { decodeKeysetCursor, keysetPage } from '../common/pagination/keyset-cursor';
import type { Actor } from '../identity/access.decorator';
import type { CompleteStepDto } from './dto/complete-step.dto';
import type { ListInboxQueryDto } from './dto/list-inbox-query.dto';
import { BulkReassignResultDto, InboxPageDto, StepTaskResponseDto } from './dto/step-task-response.dto';

const STATUS_BY_KIND: Record<string, number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  precondition: 422,
};

/**
 * An agency's inbox: its open steps (Postgres is the record; human steps get no agency-queue job), claim,
 * assignment by the agency lead, completion with an outcome. A step of another agency is reported as 404.
 */
@Injectable()
export class InboxUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async list(actor: Actor, query: ListInboxQueryDto): Promise<InboxPageDto> {
    const limit = query.limit;
    const after = query.cursor ? decodeKeysetCursor(query.cursor) : undefined;
    const rows = await new StepTaskRepository(this.dataSource.manager).listInbox(
      actor.agencyId,
      {
        status: query.status,
        procedureId: query.procedureId,
        deadlineBefore: query.deadlineBefore ? new Date(query.deadlineBefore) : undefined,
        assignedUserId: query.assigned === 'me' ? actor.userId : undefined,
      },
      limit + 1,
      after && { deadlineAt: after.at, id: after.id },
    );
    return keysetPage(rows, limit, (row) => ({ at: row.deadlineAt, id: row.id }), StepTaskResponseDto.ofRow);
  }

  async get(actor: Actor, id: string): Promise<StepTaskResponseDto> {
    const task = await new StepTaskRepository(this.dataSource.manager).findForAgency(id, actor.agencyId);
    if (!task) throw stepTaskNotFound(id);
    return StepTaskResponseDto.of(task);
  }

  async claim(actor: Actor, id: string, version?: number): Promise<StepTaskResponseDto> {
    const task = await this.dataSource.transaction((manager) =>
      claimStepTask(manager, {
        stepTaskId: id,
        agencyId: actor.agencyId,
        userId: actor.userId,
        expectedVersion: version,
        now: this.clock.now(),
      }),
    );
    return StepTaskResponseDto.of(task);
  }

  async assign(actor: Actor, id: string, userId: string, version?: number): Promise<StepTaskResponseDto> {
    const task = await this.dataSource.transaction((manager) =>
      assignStepTask(manager, {
        stepTaskId: id,
        agencyId: actor.agencyId,
        assigneeUserId: userId,
        expectedVersion: version,
        now: this.clock.now(),
      }),
    );
    return StepTaskResponseDto.of(task);
  }

  async complete(actor: Actor, id: string, body: CompleteStepDto): Promise<StepTaskResponseDto> {
    const task: StepTaskEntity = await this.dataSource.transaction((manager) =>
      completeStepTask(manager, {
        stepTaskId: id,
        agencyId: actor.agencyId,
        expectedVersion: body.version,
        outcome: body.outcome,
        comment: body.comment ?? null,
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        mayOverrideAssignee: actor.roles.includes('agency_lead'),
        now: this.clock.now(),
      }),
    );
    return StepTaskResponseDto.of(task);
  }

  /** Each step through the same checks as a single assignment; one result per step (one transaction each). */
  async bulkReassign(actor: Actor, ids: string[], userId: string): Promise<BulkReassignResultDto[]> {
    const results: BulkReassignResultDto[] = [];
    for (const id of ids) {
      try {
        await this.assign(actor, id, userId);
        results.push({ id, ok: true });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ id, ok: false, status: STATUS_BY_KIND[error.kind] ?? 400, error: error.message });
      }
    }
    return results;
  }
}
