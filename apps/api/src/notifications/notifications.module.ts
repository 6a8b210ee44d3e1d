import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsUseCase } from './notifications.use-case';

/** In-app notification list per staff user (read / unread). */
@Module({ controllers: [NotificationsController], providers: [NotificationsUseCase] })
export class NotificationsModule {}
