import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { NotificationListQueryDto, NotificationPageDto, NotificationsReadDto } from './dto/notification.dto';
import { NotificationsUseCase } from './notifications.use-case';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'Your in-app notifications (deadline warnings, overdue, apologies), newest first, paginated',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: NotificationsReadDto })
  readAll(@CurrentActor() actor: Actor): Promise<NotificationsReadDto> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationsReadDto })
  @ApiNotFoundResponse({ description: 'No such notification addressed to you' })
  read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<NotificationsReadDto> {
    return this.notifications.markRead(actor, id);
  }
}
