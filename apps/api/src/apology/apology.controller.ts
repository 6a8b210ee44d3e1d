import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { ApologyResponseDto } from './dto/apology-response.dto';
import { IssueApologyDto } from './dto/issue-apology.dto';
import { IssueApologyUseCase } from './issue-apology.use-case';

@ApiTags('apology')
@ApiBearerAuth()
@Controller('dossiers')
export class ApologyController {
  constructor(private readonly apologies: IssueApologyUseCase) {}

  @Post(':id/apology')
  @HttpCode(201)
  @Roles('agency_officer', 'agency_lead')
  @ApiOperation({
    summary:
      'Issue the apology and new appointment (form 04): 422 if less than 1 working day remains, 409 if already issued',
  })
  @ApiOkResponse({ type: ApologyResponseDto })
  issue(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IssueApologyDto,
  ): Promise<ApologyResponseDto> {
    return this.apologies.issue(actor, id, body);
  }

  @Get(':id/apology')
  @Roles('agency_officer', 'agency_lead', 'desk_officer', 'supervisor')
  @ApiOperation({ summary: 'Apologies issued for the dossier' })
  @ApiOkResponse({ type: [ApologyResponseDto] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApologyResponseDto[]> {
    return this.apologies.list(actor, id);
  }

  @Get(':id/apology.pdf')
  @Roles('agency_officer', 'agency_lead', 'desk_officer', 'supervisor')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Form 04 (apology and new appointment) as PDF' })
  async pdf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.apologies.form(actor, id));
  }
}
