import { Inject, Injectable } from '@nestjs/common';
import { checkSupplementClockChoice, DomainError } from '@motcua/domain';
import type { SupplementClockMode } from '@motcua/domain';
import { AgencyRepository, legalTimeMinutes, ProcedureEntity, ProcedureRepository } from '@motcua/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyPageDto } from './dto/agency-page.dto';
import { AgencyResponseDto } from './dto/agency-response.dto';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { CreateProcedureDto } from './dto/create-procedure.dto';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ProcedureListQueryDto } from './dto/procedure-list-query.dto';
import { ProcedurePageDto } from './dto/procedure-page.dto';
import { ProcedureResponseDto } from './dto/procedure-response.dto';
import { UpdateAgencyDto } from './dto/update-agency.dto';
import { UpdateProcedureDto } from './dto/update-procedure.dto';

function invalid(field: string, message: string): DomainError {
  return new DomainError('catalog.invalid', `${field}: ${message}`, 'invalid', { field });
}

/** Procedure catalog and agencies (admin writes, everyone signed in reads). */
@Injectable()
export class CatalogUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async listProcedures(query: ProcedureListQueryDto): Promise<ProcedurePageDto> {
    const page = await new ProcedureRepository(this.dataSource.manager).listProcedures(
      { field: query.field, search: query.search, receivingAgencyId: query.receivingAgencyId, active: query.active },
      query.page,
      query.pageSize,
    );
    return { ...page, items: page.items.map(ProcedureResponseDto.from) };
  }

  async getProcedure(id: string): Promise<ProcedureResponseDto> {
    const procedure = await new ProcedureRepository(this.dataSource.manager).findById(id);
    if (!procedure) throw new DomainError('catalog.procedure-not-found', `Procedure ${id} not found`, 'not-found');
    return ProcedureResponseDto.from(procedure);
  }

  async createProcedure(dto: CreateProcedureDto): Promise<ProcedureResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const procedures = new ProcedureRepository(manager);
      if (await procedures.findByCode(dto.code)) {
        throw new DomainError('catalog.duplicate-procedure', `code: procedure ${dto.code} already exists`, 'conflict', {
          field: 'code',
        });
      }
      await this.checkProcedure(manager, dto);
      const saved = await procedures.saveProcedure({
        ...dto,
        cutoffTime: dto.cutoffTime ?? null,
        supplementClock: dto.supplementClock ?? null,
        handlingAgencyId: dto.handlingAgencyId ?? null,
        participatingAgencyIds: dto.participatingAgencyIds ?? [],
        active: dto.active ?? true,
        legalTimeMinutes: legalTimeMinutes(dto.legalTimeValue, dto.legalTimeUnit),
      });
      return ProcedureResponseDto.from(saved);
    });
  }

  async updateProcedure(id: string, dto: UpdateProcedureDto): Promise<ProcedureResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const procedures = new ProcedureRepository(manager);
      const existing = await procedures.findById(id);
      if (!existing) throw new DomainError('catalog.procedure-not-found', `Procedure ${id} not found`, 'not-found');
      const merged: ProcedureEntity = Object.assign(
        existing,
        Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)),
      );
      await this.checkProcedure(manager, merged);
      merged.legalTimeMinutes = legalTimeMinutes(merged.legalTimeValue, merged.legalTimeUnit);
      return ProcedureResponseDto.from(await procedures.saveProcedure(merged));
    });
  }

  async listAgencies(query: PageQueryDto): Promise<AgencyPageDto> {
    const page = await new AgencyRepository(this.dataSource.manager).listAgencies({}, query.page, query.pageSize);
    return { ...page, items: page.items.map(AgencyResponseDto.from) };
  }

  async createAgency(dto: CreateAgencyDto): Promise<AgencyResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const agencies = new AgencyRepository(manager);
      if (await agencies.findByIdentifier(dto.identifier)) {
        throw new DomainError(
          'catalog.duplicate-agency',
          `identifier: agency ${dto.identifier} already exists`,
          'conflict',
          { field: 'identifier' },
        );
      }
      if (dto.parentId && !(await agencies.findById(dto.parentId)))
        throw invalid('parentId', `agency ${dto.parentId} not found`);
      return AgencyResponseDto.from(await agencies.createAgency(dto));
    });
  }

  async updateAgency(id: string, dto: UpdateAgencyDto): Promise<AgencyResponseDto> {
    const agency = await new AgencyRepository(this.dataSource.manager).updateAgency(id, dto);
    if (!agency) throw new DomainError('catalog.agency-not-found', `Agency ${id} not found`, 'not-found');
    return AgencyResponseDto.from(agency);
  }

  private async checkProcedure(
    manager: EntityManager,
    procedure: Pick<
      ProcedureEntity,
      'requiredDocuments' | 'receivingAgencyIds' | 'channels' | 'onlineLevel' | 'ruleSetId'
    > & {
      supplementClock?: SupplementClockMode | null;
      participatingAgencyIds?: string[];
      handlingAgencyId?: string | null;
    },
  ): Promise<void> {
    checkSupplementClockChoice(procedure.ruleSetId, procedure.supplementClock);
    const codes = procedure.requiredDocuments.map((document) => document.code);
    const duplicate = codes.find((code, index) => codes.indexOf(code) !== index);
    if (duplicate) throw invalid('requiredDocuments', `document code ${duplicate} is used twice`);
    if (procedure.onlineLevel !== 'none' && !procedure.channels.includes('online')) {
      throw invalid('channels', `must include 'online' when onlineLevel is ${procedure.onlineLevel}`);
    }
    const agencies = new AgencyRepository(manager);
    const referenced: Array<[string, string[]]> = [
      ['receivingAgencyIds', procedure.receivingAgencyIds],
      ['participatingAgencyIds', procedure.participatingAgencyIds ?? []],
      ['handlingAgencyId', procedure.handlingAgencyId ? [procedure.handlingAgencyId] : []],
    ];
    for (const [field, ids] of referenced) {
      const found = await agencies.findByIds(ids);
      const missing = ids.filter((id) => !found.some((agency) => agency.id === id));
      if (missing.length > 0) throw invalid(field, `unknown agency ${missing.join(', ')}`);
    }
  }
}
