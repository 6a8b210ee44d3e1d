import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { TrackingRegisterQueryDto } from './dto/tracking-register-query.dto';
import { TrackingRegisterUseCase } from './tracking-register.use-case';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Form 06, the tracking register (sổ theo dõi hồ sơ) of an agency over a period, as PDF or XLSX. */
@ApiTags('supervision')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@ApiBadRequestResponse({ description: 'Invalid period (YYYY-MM-DD, within one year) or too many dossiers' })
@ApiNotFoundResponse({ description: 'Agency outside your scope' })
@Roles('desk_officer', 'agency_lead', 'supervisor', 'admin')
@Controller('supervision')
export class TrackingRegisterController {
  constructor(private readonly register: TrackingRegisterUseCase) {}

  @Get('tracking-register.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Form 06, tracking register (sổ theo dõi hồ sơ) of an agency over a period, A4 PDF' })
  @ApiOkResponse({ description: 'PDF' })
  async pdf(@CurrentActor() actor: Actor, @Query() query: TrackingRegisterQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.register.pdf(actor, query));
  }

  @Get('tracking-register.xlsx')
  @Header('Content-Type', XLSX)
  @Header('Cache-Control', 'no-store')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'Form 06, tracking register of an agency over a period, as a spreadsheet (XLSX)' })
  @ApiOkResponse({ description: 'XLSX workbook' })
  async xlsx(@CurrentActor() actor: Actor, @Query() query: TrackingRegisterQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.register.xlsx(actor, query));
  }
}
