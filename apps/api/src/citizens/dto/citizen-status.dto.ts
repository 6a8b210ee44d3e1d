import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TimelineEntryDto {
  @ApiProperty()
  at: string;

  @ApiProperty({ description: 'What happened, in Vietnamese' })
  text: string;
}

export class CitizenPaymentActionDto {
  @ApiProperty({ description: 'Integer VND' })
  amount: number;

  @ApiProperty()
  expiresAt: string;
}

export class CitizenActionsDto {
  @ApiPropertyOptional({ type: CitizenPaymentActionDto, nullable: true, description: 'An open fee to pay online' })
  pay: CitizenPaymentActionDto | null;

  @ApiProperty({ description: 'The electronic result can be downloaded (returned online)' })
  download: boolean;

  @ApiProperty({ description: 'The service can be rated (returned, not rated yet)' })
  rate: boolean;
}

/** The public status page of one dossier (code + lookup secret): plain words, no personal or internal data. */
export class CitizenStatusDto {
  @ApiProperty()
  code: string;

  @ApiProperty()
  procedureName: string;

  @ApiProperty({ description: 'Where the dossier was received and the result is returned' })
  agencyName: string;

  @ApiProperty()
  status: string;

  @ApiProperty({ description: 'The status in plain Vietnamese' })
  statusText: string;

  @ApiProperty()
  receivedAt: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  appointmentAt: string | null;

  @ApiProperty({ type: [String], description: 'What the applicant must do now' })
  needed: string[];

  @ApiProperty({ type: [TimelineEntryDto] })
  timeline: TimelineEntryDto[];

  @ApiProperty({ type: CitizenActionsDto })
  actions: CitizenActionsDto;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The rating given, if any' })
  rating: string | null;
}
