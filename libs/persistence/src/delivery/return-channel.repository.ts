import type { ReturnChannel } from '@motcua/domain';
import { EntityManager } from 'typeorm';

/** Where a postal result goes (QĐ 45/2016: receiver name, address, phone, province, district). */
export interface PostalRecipient {
  name: string;
  address: string;
  phone: string;
  province?: string | null;
  district?: string | null;
}

export interface ReturnChannelChoice {
  dossierId: string;
  channel: ReturnChannel;
  recipient: PostalRecipient | null;
  chosenAt: Date;
  changedByUserId: string | null;
}

/** The applicant's chosen return channel (set at intake, changeable until the result is ready). */
export class ReturnChannelRepository {
  constructor(private readonly manager: EntityManager) {}

  async save(choice: ReturnChannelChoice): Promise<void> {
    await this.manager.query(
      `INSERT INTO dossier_return_channel (dossier_id, channel, recipient, chosen_at, changed_by_user_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dossier_id) DO UPDATE SET channel = EXCLUDED.channel, recipient = EXCLUDED.recipient,
         chosen_at = EXCLUDED.chosen_at, changed_by_user_id = EXCLUDED.changed_by_user_id`,
      [
        choice.dossierId,
        choice.channel,
        choice.recipient ? JSON.stringify(choice.recipient) : null,
        choice.chosenAt,
        choice.changedByUserId,
      ],
    );
  }

  async find(dossierId: string): Promise<ReturnChannelChoice | null> {
    const rows: Array<{
      dossier_id: string;
      channel: ReturnChannel;
      recipient: PostalRecipient | null;
      chosen_at: Date;
      changed_by_user_id: string | null;
    }> = await this.manager.query(`SELECT * FROM dossier_return_channel WHERE dossier_id = $1`, [dossierId]);
    const row = rows[0];
    return row
      ? {
          dossierId: row.dossier_id,
          channel: row.channel,
          recipient: row.recipient,
          chosenAt: new Date(row.chosen_at),
          changedByUserId: row.changed_by_user_id,
        }
      : null;
  }
}
