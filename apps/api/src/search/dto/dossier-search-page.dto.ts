import { ApiProperty } from '@nestjs/swagger';
import type { DossierSearchHit, DossierSearchPage } from '@motcua/persistence';

export class DossierSearchHitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() applicantName: string;
  @ApiProperty() identityNumber: string;
  @ApiProperty() phone: string;
  @ApiProperty({ format: 'uuid' }) procedureId: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ format: 'uuid' }) receivingAgencyId: string;
  @ApiProperty() status: string;
  @ApiProperty() channel: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) appointmentAt: string | null;

  static from(hit: DossierSearchHit): DossierSearchHitDto {
    return {
      ...hit,
      receivedAt: hit.receivedAt.toISOString(),
      appointmentAt: hit.appointmentAt?.toISOString() ?? null,
    };
  }
}

export class DossierSearchPageDto {
  @ApiProperty({ type: [DossierSearchHitDto] }) items: DossierSearchHitDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'whether a next page exists' }) hasMore: boolean;

  static from(page: DossierSearchPage): DossierSearchPageDto {
    return { ...page, items: page.items.map(DossierSearchHitDto.from) };
  }
}
