import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { DossierSearchRepository } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeCondition } from '../identity/scope';
import { DossierSearchPageDto } from './dto/dossier-search-page.dto';
import { SearchDossiersQueryDto } from './dto/search-dossiers-query.dto';

/** The same number written 0912… and +84912…. */
export function phoneVariants(phone: string): string[] {
  const national = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return [national, `+84${national.slice(1)}`];
}

/** Dossier search for desk officers (own agency) and supervisors (their subtree); admins everything. */
@Injectable()
export class SearchDossiersUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async search(actor: Actor, query: SearchDossiersQueryDto): Promise<DossierSearchPageDto> {
    const receivedFrom = query.receivedFrom ? new Date(query.receivedFrom) : undefined;
    const receivedTo = query.receivedTo ? new Date(query.receivedTo) : undefined;
    if (receivedFrom && receivedTo && receivedFrom.getTime() > receivedTo.getTime()) {
      throw new DomainError('search.range', 'receivedTo: must not be before receivedFrom', 'invalid', {
        field: 'receivedTo',
      });
    }
    const page = await new DossierSearchRepository(this.dataSource.manager).search(
      (column, prefix) => scopeCondition(actor, column, prefix),
      {
        name: query.name,
        codePrefix: query.code,
        identityNumber: query.identityNumber,
        phones: query.phone ? phoneVariants(query.phone) : undefined,
        procedureId: query.procedureId,
        status: query.status,
        receivedFrom,
        receivedTo,
      },
      query.page,
      query.pageSize,
    );
    return DossierSearchPageDto.from(page);
  }
}
