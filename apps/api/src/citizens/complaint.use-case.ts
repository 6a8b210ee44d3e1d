import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { complaintDueAt, DomainError, isComplaintLate } from '@motcua/domain';
import {
  answerComplaint,
  CalendarRepository,
  ComplaintRow,
  findComplaintInScope,
  insertComplaint,
  listComplaints,
} from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { AccessScope, scopeOf } from '../identity/scope';
import { verifyCitizenDossier } from './citizen-secret';
import {
  AnswerComplaintDto,
  ComplaintDto,
  ComplaintListQueryDto,
  ComplaintPageDto,
  ComplaintReceiptDto,
  SubmitComplaintDto,
} from './dto/complaint.dto';

/**
 * Complaints (phản ánh, kiến nghị): received from anyone about a dossier (code + secret) or an agency, assigned to
 * the dossier's receiving agency or the named agency, due COMPLAINT_ANSWER_WORKING_DAYS working days later (the
 * working-time calendar), answered once by that agency; supervisors see the late ones of their subtree.
 */
@Injectable()
export class ComplaintUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
  ) {}

  submit(dto: SubmitComplaintDto): Promise<ComplaintReceiptDto> {
    const aboutDossier = dto.dossierCode !== undefined;
    if (aboutDossier === (dto.agencyIdentifier !== undefined)) {
      throw new DomainError(
        'complaint.subject-required',
        'Name either a dossier (dossierCode + secret) or an agency (agencyIdentifier)',
        'invalid',
      );
    }
    if (aboutDossier && !dto.secret) {
      throw new DomainError('complaint.secret-required', 'secret is required with dossierCode', 'invalid');
    }
    return this.dataSource.transaction(async (manager) => {
      let dossierId: string | null = null;
      let agencyId: string;
      if (aboutDossier) {
        const dossier = await verifyCitizenDossier(manager, dto.dossierCode!, dto.secret!);
        dossierId = dossier.id;
        agencyId = dossier.agencyId;
      } else {
        const [agency] = await manager.query(`SELECT id FROM agency WHERE identifier = $1`, [dto.agencyIdentifier]);
        if (!agency) throw new DomainError('agency.not-found', `No agency ${dto.agencyIdentifier}`, 'not-found');
        agencyId = agency.id;
      }
      const now = this.clock.now();
      const calendar = await new CalendarRepository(manager).loadCalendar();
      const dueAt = complaintDueAt(calendar, now, this.config.COMPLAINT_ANSWER_WORKING_DAYS);
      const id = await insertComplaint(manager, {
        subject: aboutDossier ? 'dossier' : 'agency',
        dossierId,
        agencyId,
        complainantName: dto.name.trim(),
        complainantContact: dto.contact?.trim() || null,
        content: dto.content.trim(),
        receivedAt: now,
        dueAt,
      });
      if (dossierId) {
        await appendDossierEvent(manager, {
          dossierId,
          type: 'complaint-received',
          payload: { complaintId: id, dueAt: dueAt.toISOString() },
          actor: null,
          occurredAt: now,
        });
      }
      const [agency] = await manager.query(`SELECT name FROM agency WHERE id = $1`, [agencyId]);
      return { id, agencyName: agency.name, receivedAt: now.toISOString(), dueAt: dueAt.toISOString() };
    });
  }

  answer(actor: Actor, id: string, dto: AnswerComplaintDto): Promise<ComplaintDto> {
    return this.dataSource.transaction(async (manager) => {
      // Answered by the agency it is assigned to, not by whoever may read it (supervisors, admins).
      const scope: AccessScope = { kind: 'agencies', agencyIds: [actor.agencyId] };
      const complaint = await findComplaintInScope(manager, id, scope, { lock: true });
      if (!complaint) throw new DomainError('complaint.not-found', `Complaint ${id} not found`, 'not-found');
      if (complaint.status === 'answered') {
        throw new DomainError('complaint.already-answered', 'This complaint has already been answered', 'conflict');
      }
      const now = this.clock.now();
      await answerComplaint(manager, { id, answer: dto.answer.trim(), answeredAt: now, answeredBy: actor.userId });
      return this.toDto((await findComplaintInScope(manager, id, scope))!);
    });
  }

  async list(actor: Actor, query: ComplaintListQueryDto, lateOnly: boolean): Promise<ComplaintPageDto> {
    const { page, pageSize } = query;
    const result = await listComplaints(this.dataSource.manager, scopeOf(actor), {
      lateAt: lateOnly ? this.clock.now() : undefined,
      status: query.status,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: result.items.map((row) => this.toDto(row)), total: result.total, page, pageSize };
  }

  private toDto(row: ComplaintRow): ComplaintDto {
    return {
      id: row.id,
      subject: row.subject,
      dossierCode: row.dossierCode,
      agencyId: row.agencyId,
      agencyName: row.agencyName,
      complainantName: row.complainantName,
      content: row.content,
      status: row.status,
      receivedAt: new Date(row.receivedAt).toISOString(),
      dueAt: new Date(row.dueAt).toISOString(),
      answer: row.answer,
      answeredAt: row.answeredAt ? new Date(row.answeredAt).toISOString() : null,
      late: isComplaintLate(
        { dueAt: new Date(row.dueAt), answeredAt: row.answeredAt ? new Date(row.answeredAt) : null },
        this.clock.now(),
      ),
    };
  }
}
