import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DossierFormsUseCase } from './dossier-forms.use-case';
import { DossierUseCase } from './dossier.use-case';
import { ChainVerificationDto } from './dto/chain-verification.dto';
import { DossierListQueryDto } from './dto/dossier-list-query.dto';
import { DossierPageDto } from './dto/dossier-page.dto';
import { DossierResponseDto } from './dto/dossier-response.dto';
import { WithdrawDossierDto } from './dto/withdraw-dossier.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('dossiers')
@Controller('dossiers')
export class DossierController {
  constructor(
    private readonly dossiers: DossierUseCase,
    private readonly forms: DossierFormsUseCase,
  ) {}

  @Get()
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Dossiers received in your scope (own agency; supervisors: subtree; admin: all), newest first, paginated',
  })
  @ApiOkResponse({ type: DossierPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: DossierListQueryDto): Promise<DossierPageDto> {
    return this.dossiers.list(actor, query);
  }

  @Get(':id')
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiOperation({ summary: 'A dossier received by your agency (supervisors: your subtree)' })
  @ApiOkResponse({ type: DossierResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<DossierResponseDto> {
    return this.dossiers.get(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('desk_officer')
  @ApiOperation({ summary: 'Record the applicant withdrawing the dossier (before a result)' })
  @ApiOkResponse({ type: DossierResponseDto })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: WithdrawDossierDto,
  ): Promise<DossierResponseDto> {
    return this.dossiers.withdraw(actor, id, body);
  }

  @Get(':id/events/verify')
  @Roles('desk_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({ summary: "Recompute the dossier's event hash chain and report the first broken event" })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<ChainVerificationDto> {
    return this.dossiers.verifyChain(actor, id);
  }

  @Get(':id/receipt.pdf')
  @Roles('desk_officer')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Form 01: receipt and appointment' })
  async receipt(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.forms.receipt(actor, id));
  }

  @Get(':id/supplement-request.pdf')
  @Roles('desk_officer')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Form 02: supplement request' })
  async supplementRequest(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.forms.supplementRequest(actor, id));
  }

  @Get(':id/refusal.pdf')
  @Roles('desk_officer')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Form 03: refusal' })
  async refusal(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.forms.refusal(actor, id));
  }
}
