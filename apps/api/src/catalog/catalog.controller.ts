import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../identity/access.decorator';
import { CatalogUseCase } from './catalog.use-case';
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

const READERS = ['admin', 'desk_officer', 'agency_officer', 'agency_lead', 'supervisor'] as const;

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogUseCase) {}

  @Get('procedures')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Procedures (paginated; filter by field, search, receiving agency, active)' })
  @ApiOkResponse({ type: ProcedurePageDto })
  listProcedures(@Query() query: ProcedureListQueryDto): Promise<ProcedurePageDto> {
    return this.catalog.listProcedures(query);
  }

  @Get('procedures/:id')
  @ApiOperation({ summary: 'One procedure of the catalog' })
  @Roles(...READERS)
  @ApiOkResponse({ type: ProcedureResponseDto })
  getProcedure(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProcedureResponseDto> {
    return this.catalog.getProcedure(id);
  }

  @Post('admin/procedures')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a procedure to the catalog' })
  @ApiOkResponse({ type: ProcedureResponseDto })
  createProcedure(@Body() body: CreateProcedureDto): Promise<ProcedureResponseDto> {
    return this.catalog.createProcedure(body);
  }

  @Patch('admin/procedures/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a procedure (not its national code)' })
  @ApiOkResponse({ type: ProcedureResponseDto })
  updateProcedure(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateProcedureDto,
  ): Promise<ProcedureResponseDto> {
    return this.catalog.updateProcedure(id, body);
  }

  @Get('agencies')
  @ApiOperation({ summary: 'Agencies (paginated)' })
  @Roles(...READERS)
  @ApiOkResponse({ type: AgencyPageDto })
  listAgencies(@Query() query: PageQueryDto): Promise<AgencyPageDto> {
    return this.catalog.listAgencies(query);
  }

  @Post('admin/agencies')
  @ApiOperation({ summary: 'Add an agency under a parent' })
  @Roles('admin')
  @ApiOkResponse({ type: AgencyResponseDto })
  createAgency(@Body() body: CreateAgencyDto): Promise<AgencyResponseDto> {
    return this.catalog.createAgency(body);
  }

  @Patch('admin/agencies/:id')
  @ApiOperation({ summary: "Change an agency's name, desk flag or address" })
  @Roles('admin')
  @ApiOkResponse({ type: AgencyResponseDto })
  updateAgency(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateAgencyDto,
  ): Promise<AgencyResponseDto> {
    return this.catalog.updateAgency(id, body);
  }
}
