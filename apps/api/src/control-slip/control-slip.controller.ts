import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { ControlSlipUseCase } from './control-slip.use-case';
import { ControlSlipResponseDto } from './dto/control-slip-response.dto';

@ApiTags('control-slip')
@Controller('dossiers')
export class ControlSlipController {
  constructor(private readonly controlSlip: ControlSlipUseCase) {}

  @Get(':id/control-slip')
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Form 05 as JSON: each hand-over with early / on-time / late against the giving agency budget',
  })
  @ApiOkResponse({ type: ControlSlipResponseDto })
  json(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ControlSlipResponseDto> {
    return this.controlSlip.json(actor, id);
  }

  @Get(':id/control-slip.pdf')
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Form 05: control slip, printable' })
  async pdf(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.controlSlip.pdf(actor, id));
  }
}
