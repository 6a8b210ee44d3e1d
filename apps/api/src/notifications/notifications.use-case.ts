import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { listUserNotifications, markUserNotificationsRead, NotificationReader } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '../identity/access.decorator';
import { NotificationListQueryDto, NotificationPageDto, NotificationsReadDto } from './dto/notification.dto';

/** Recipient role (libs/queues notification contract) each staff role answers to at its own agency. */
const RECIPIENT_ROLES: Partial<Record<Role, string>> = {
  agency_officer: 'officer',
  agency_lead: 'agency_lead',
  desk_officer: 'desk',
};

/** Vietnamese titles of the notification kinds the deadline timers and apologies record. */
const TITLES: Record<string, string> = {
  'deadline.half-used': 'Hồ sơ đã dùng một nửa thời hạn xử lý',
  'deadline.mostly-used': 'Hồ sơ sắp hết thời hạn xử lý',
  'deadline.apology-due': 'Đến hạn gửi văn bản xin lỗi và hẹn lại ngày trả kết quả',
  'deadline.overdue': 'Hồ sơ quá hạn xử lý',
  'apology.issued': 'Đã gửi văn bản xin lỗi và hẹn lại ngày trả kết quả',
};

export function readerOf(actor: Actor): NotificationReader {
  return {
    userId: actor.userId,
    recipientRoles: actor.roles.map((role) => RECIPIENT_ROLES[role]).filter((role): role is string => !!role),
    agencyId: actor.agencyId,
    supervisorPathPrefix: actor.roles.includes('supervisor') ? actor.agencyPath : null,
  };
}

/**
 * The in-app notification list of a staff user: the warnings and notices the deadline timers and apologies recorded
 * (`notification` rows, written by the notification queue's consumer), addressed to the user, to one of their roles
 * at their agency, or — for supervisors — to an agency of their subtree; read / unread per user.
 */
@Injectable()
export class NotificationsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async list(actor: Actor, query: NotificationListQueryDto): Promise<NotificationPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = await listUserNotifications(this.dataSource.manager, readerOf(actor), {
      unreadOnly: query.unread ?? false,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return {
      total: result.total,
      unread: result.unread,
      page,
      pageSize,
      items: result.items.map((item) => ({
        id: item.id,
        kind: item.kind,
        title: TITLES[item.kind] ?? item.kind,
        dossierId: item.dossierId,
        dossierCode: item.dossierCode,
        recipientRole: item.recipientRole,
        recipientAgencyId: item.recipientAgencyId,
        details: item.details,
        createdAt: item.createdAt.toISOString(),
        read: item.readAt !== null,
        readAt: item.readAt?.toISOString() ?? null,
      })),
    };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationsReadDto> {
    const notFound = new DomainError('notification.not-found', `Notification ${id} not found`, 'not-found');
    if (!/^[1-9][0-9]{0,17}$/.test(id)) throw notFound;
    const marked = await markUserNotificationsRead(this.dataSource.manager, readerOf(actor), [id], this.clock.now());
    if (marked === 0) throw notFound;
    return { marked };
  }

  async markAllRead(actor: Actor): Promise<NotificationsReadDto> {
    return {
      marked: await markUserNotificationsRead(this.dataSource.manager, readerOf(actor), null, this.clock.now()),
    };
  }
}
