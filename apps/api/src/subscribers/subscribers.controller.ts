import { Controller, Get, Inject } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { listEventSubscriberLag } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import { Roles } from '../identity/access.decorator';
import { SubscriberLagDto, SubscriberLagListDto } from './dto/subscriber-lag.dto';

/** Operations view of the dossier-event subscribers (issue 9): where each one stands and how far behind it is. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/subscribers')
export class SubscribersController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Event subscribers: cursor, events not yet applied, age of the oldest, last error' })
  @ApiOkResponse({ type: SubscriberLagListDto })
  @ApiUnauthorizedResponse({ description: 'No or invalid access token' })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  async list(): Promise<SubscriberLagListDto> {
    const items = (await listEventSubscriberLag(this.dataSource.manager)).map((lag) => SubscriberLagDto.from(lag));
    return { items, total: items.length };
  }
}
