import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { MigrateDossiersResult } from '@motcua/application';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { CreateProcessDefinitionDto } from './dto/create-process-definition.dto';
import { MigrateDossiersDto } from './dto/migrate-dossiers.dto';
import { ProcessDefinitionResponseDto } from './dto/process-definition-response.dto';
import { UpdateProcessDefinitionDto } from './dto/update-process-definition.dto';
import { ProcessDefinitionsUseCase } from './process-definitions.use-case';

@ApiTags('process-definitions')
@Controller('process-definitions')
export class ProcessDefinitionsController {
  constructor(private readonly definitions: ProcessDefinitionsUseCase) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a draft version (validated: 400 lists every problem, e.g. budgets over the legal time)',
  })
  @ApiOkResponse({ type: ProcessDefinitionResponseDto })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateProcessDefinitionDto,
  ): Promise<ProcessDefinitionResponseDto> {
    return ProcessDefinitionResponseDto.of(await this.definitions.createDraft(actor, body.procedureId, body.document));
  }

  @Get()
  @Roles('admin')
  @ApiQuery({ name: 'procedureId', required: true })
  @ApiOperation({ summary: "A procedure's versions, newest first" })
  @ApiOkResponse({ type: ProcessDefinitionResponseDto, isArray: true })
  async list(@Query('procedureId', new ParseUUIDPipe()) procedureId: string): Promise<ProcessDefinitionResponseDto[]> {
    return (await this.definitions.list(procedureId)).map(ProcessDefinitionResponseDto.of);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One process definition version' })
  @Roles('admin')
  @ApiOkResponse({ type: ProcessDefinitionResponseDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProcessDefinitionResponseDto> {
    return ProcessDefinitionResponseDto.of(await this.definitions.get(id));
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a draft (409 once published)' })
  @ApiOkResponse({ type: ProcessDefinitionResponseDto })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateProcessDefinitionDto,
  ): Promise<ProcessDefinitionResponseDto> {
    return ProcessDefinitionResponseDto.of(await this.definitions.updateDraft(id, body.document));
  }

  @Post(':id/publish')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish: new dossiers are pinned to the latest published version; running ones stay on theirs',
  })
  @ApiOkResponse({ type: ProcessDefinitionResponseDto })
  async publish(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ProcessDefinitionResponseDto> {
    return ProcessDefinitionResponseDto.of(await this.definitions.publish(actor, id));
  }

  @Post(':id/migrate-dossiers')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move open dossiers to this published version with a step-id mapping (logged per dossier)' })
  migrate(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MigrateDossiersDto,
  ): Promise<MigrateDossiersResult> {
    return this.definitions.migrate(actor, id, body);
  }
}
