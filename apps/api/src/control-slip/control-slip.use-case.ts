import { Inject, Injectable } from '@nestjs/common';
import { classifyStepByClock, DomainError } from '@motcua/domain';
import { ControlSlipHandOver, renderControlSlipForm } from '@motcua/forms';
import {
  DeadlineClockRepository,
  DossierEntity,
  ProcedureEntity,
  StepTaskEntity,
  StepTaskRepository,
} from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { ControlSlipHandOverDto, ControlSlipResponseDto, SlipAgencyDto } from './dto/control-slip-response.dto';

const OUTCOME_LABELS: Record<string, string> = {
  approve: 'Chuyển bước tiếp theo',
  forward: 'Chuyển tiếp',
  return: 'Trả lại bước trước',
  'request-supplement': 'Yêu cầu bổ sung hồ sơ',
  refuse: 'Từ chối giải quyết',
};

/**
 * Form 05 (phiếu kiểm soát quá trình giải quyết hồ sơ), derived from the step records: one row per hand-over,
 * judged early / on time / late against the giving agency's own step clock (`classifyStepByClock`: late by
 * instant or when the step's overdue fired; the calendar date only tells early from on time), with the hand-over
 * medium. An agency "received" the dossier when its step started (the hand-over instant), not when an officer
 * claimed it.
 */
@Injectable()
export class ControlSlipUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async json(actor: Actor, dossierId: string): Promise<ControlSlipResponseDto> {
    const { dossier, procedure, tasks, agencies, stepClocks } = await this.load(actor, dossierId);
    const agencyOf = (id: string): SlipAgencyDto => agencies.get(id) ?? { id, identifier: '?', name: '?' };
    const live = tasks.filter((task) => task.status !== 'cancelled');
    const handOvers: ControlSlipHandOverDto[] = [];
    for (const task of live) {
      if (task.status !== 'completed' || !task.completedAt) continue;
      let receivers = live.filter(
        (next) => next.startedEventSequence === task.completedEventSequence && next.id !== task.id,
      );
      if (receivers.length === 0 && task.branchKey !== '' && task.outcome !== 'refuse') {
        // A branch that joined before the others hands over to the join step, started later.
        const join = live.find((next) => BigInt(next.runOrder) > BigInt(task.runOrder) && next.branchKey === '');
        if (join) receivers = [join];
      }
      const base = {
        stepTaskId: task.id,
        stepId: task.stepId,
        attempt: task.attempt,
        branchKey: task.branchKey,
        fromAgency: agencyOf(task.agencyId),
        handedOverAt: new Date(task.completedAt).toISOString(),
        deadlineAt: (stepClocks.get(task.id)?.deadlineAt ?? new Date(task.deadlineAt)).toISOString(),
        result: classifyStepByClock({
          end: new Date(task.completedAt),
          deadline: stepClocks.get(task.id)?.deadlineAt ?? new Date(task.deadlineAt),
          overdueFired: Boolean(stepClocks.get(task.id)?.overdueAt),
        }),
        outcome: task.outcome ?? '',
      };
      const note = (handover: string) =>
        [
          OUTCOME_LABELS[task.outcome ?? ''] ?? task.outcome,
          handover === 'paper' ? 'Giao hồ sơ giấy' : 'Giao điện tử',
          task.comment,
        ]
          .filter(Boolean)
          .join('; ');
      if (receivers.length === 0) {
        handOvers.push({
          ...base,
          toAgency: null,
          toStepId: null,
          receivedAt: base.handedOverAt,
          handover: 'electronic',
          note: note('electronic'),
        });
      }
      for (const receiver of receivers) {
        handOvers.push({
          ...base,
          toAgency: agencyOf(receiver.agencyId),
          toStepId: receiver.stepId,
          receivedAt: new Date(receiver.startedAt).toISOString(),
          handover: receiver.handover,
          note: note(receiver.handover),
        });
      }
    }
    const betweenAgencies = handOvers.filter((row) => row.toAgency !== null);
    return {
      dossierId: dossier.id,
      dossierCode: dossier.code,
      applicantName: dossier.applicantName,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      receivedAt: new Date(dossier.receivedAt).toISOString(),
      appointmentAt: dossier.appointmentAt ? new Date(dossier.appointmentAt).toISOString() : null,
      status: dossier.status,
      handOvers,
      pendingSteps: live
        .filter((task) => task.status !== 'completed')
        .map((task) => ({
          stepTaskId: task.id,
          stepId: task.stepId,
          agency: agencyOf(task.agencyId),
          status: task.status,
          receivedAt: new Date(task.startedAt).toISOString(),
          deadlineAt: new Date(task.deadlineAt).toISOString(),
        })),
      electronicHandOverShare:
        betweenAgencies.length === 0
          ? null
          : betweenAgencies.filter((row) => row.handover === 'electronic').length / betweenAgencies.length,
    };
  }

  async pdf(actor: Actor, dossierId: string): Promise<Buffer> {
    const slip = await this.json(actor, dossierId);
    const { dossier, receivingAgencyName } = await this.load(actor, dossierId);
    const handOvers: ControlSlipHandOver[] = slip.handOvers.map((row) => ({
      fromAgencyName: row.fromAgency.name,
      toAgencyName: row.toAgency?.name ?? receivingAgencyName,
      handedOverAt: new Date(row.handedOverAt),
      receivedAt: new Date(row.receivedAt),
      result: row.result as ControlSlipHandOver['result'],
      note: row.note,
    }));
    return renderControlSlipForm({
      dossierCode: dossier.code,
      agencyName: receivingAgencyName,
      applicant: { name: dossier.applicant.name, address: dossier.applicant.address },
      procedure: { name: slip.procedureName, code: slip.procedureCode },
      receivedAt: new Date(dossier.receivedAt),
      appointmentAt: new Date(dossier.appointmentAt ?? dossier.receivedAt),
      handOvers,
    });
  }

  /** The dossier if the actor's agency received it (supervisors: any under their subtree) or works a step of it. */
  private async load(actor: Actor, dossierId: string) {
    const supervisor = actor.roles.includes('supervisor') || actor.roles.includes('admin');
    const visible: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM dossier d JOIN agency a ON a.id = d.receiving_agency_id
       WHERE d.id = $1 AND (d.receiving_agency_id = $2 OR ($3 AND a.path LIKE $4)
         OR EXISTS (SELECT 1 FROM step_task t WHERE t.dossier_id = d.id AND t.agency_id = $2))`,
      [dossierId, actor.agencyId, supervisor, `${actor.agencyPath}%`],
    );
    if (visible.length === 0) throw new DomainError('dossier.not-found', `Dossier ${dossierId} not found`, 'not-found');
    const dossier = (await this.dataSource
      .getRepository(DossierEntity)
      .findOne({ where: { id: dossierId } })) as DossierEntity;
    const procedure = (await this.dataSource
      .getRepository(ProcedureEntity)
      .findOne({ where: { id: dossier.procedureId } })) as ProcedureEntity;
    const tasks: StepTaskEntity[] = await new StepTaskRepository(this.dataSource.manager).listForDossier(dossierId);
    const agencyIds = [...new Set([dossier.receivingAgencyId, ...tasks.map((task) => task.agencyId)])];
    const rows: SlipAgencyDto[] = await this.dataSource.query(
      `SELECT id, identifier, name FROM agency WHERE id = ANY($1::uuid[])`,
      [agencyIds],
    );
    const agencies = new Map(rows.map((row) => [row.id, row]));
    // The step clocks as armed (deadline in force at the stop, after pauses and extensions) and their overdue.
    const stepClocks = new Map(
      (await new DeadlineClockRepository(this.dataSource.manager).listOfDossier(dossierId))
        .filter((clock) => clock.subjectType === 'step')
        .map((clock) => [clock.subjectId, clock]),
    );
    return {
      stepClocks,
      dossier,
      procedure,
      tasks,
      agencies,
      receivingAgencyName: agencies.get(dossier.receivingAgencyId)?.name ?? '',
    };
  }
}
