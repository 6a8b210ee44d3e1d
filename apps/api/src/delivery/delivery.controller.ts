import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { DossierDeliveryUseCase } from './dossier-delivery.use-case';
import { DeliveryResponseDto, UncollectedPageDto } from './dto/delivery-response.dto';
import { HandoverDto } from './dto/handover.dto';
import { ReturnChannelDto } from './dto/return-channel.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Returning results: the return channel, the hand-over at the desk, results waiting to be collected. */
@ApiTags('delivery')
@ApiBearerAuth()
@Controller()
export class DeliveryController {
  constructor(private readonly deliveries: DossierDeliveryUseCase) {}

  @Get('dossiers/:id/delivery')
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiOperation({ summary: 'Return channel, delivery status and times, postal tracking of a dossier' })
  @ApiOkResponse({ type: DeliveryResponseDto })
  @ApiNotFoundResponse({ description: 'Dossier not found in your scope' })
  view(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<DeliveryResponseDto> {
    return this.deliveries.view(actor, id);
  }

  @Put('dossiers/:id/return-channel')
  @Roles('desk_officer')
  @ApiOperation({ summary: 'Change how the result is returned (desk, online, postal) — until the result is ready' })
  @ApiOkResponse({ type: DeliveryResponseDto })
  @ApiConflictResponse({ description: 'The result is ready: the channel can no longer change' })
  changeReturnChannel(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: ReturnChannelDto,
  ): Promise<DeliveryResponseDto> {
    return this.deliveries.changeReturnChannel(actor, id, body);
  }

  @Post('dossiers/:id/delivery/handover')
  @HttpCode(200)
  @Roles('desk_officer')
  @ApiOperation({ summary: 'Record handing the result over at the desk (who received it, ID shown)' })
  @ApiOkResponse({ type: DeliveryResponseDto })
  @ApiConflictResponse({ description: 'No result is waiting at the desk for this dossier' })
  handOver(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: HandoverDto,
  ): Promise<DeliveryResponseDto> {
    return this.deliveries.handOver(actor, id, body);
  }

  @Get('delivery/uncollected')
  @Roles('desk_officer', 'supervisor')
  @ApiOperation({ summary: 'Results ready at the desk but not collected, oldest first, with their ages' })
  @ApiOkResponse({ type: UncollectedPageDto })
  uncollected(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<UncollectedPageDto> {
    return this.deliveries.uncollected(actor, query.page, query.pageSize);
  }
}
