import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import type { TestServices } from '../../support/test-services';
import { authHeaderForActor } from '../../support/auth';

/** HTTP helpers for workflow tests (intake through the desk API, inbox actions, definitions). */
export class WorkflowHttp {
  constructor(private readonly services: TestServices) {}

  /** Bearer header of a test account matching the actor (created on first use). */
  auth(actor: Actor): Promise<{ Authorization: string }> {
    return authHeaderForActor(this.services, actor);
  }

  http() {
    return request(this.services.api.getHttpServer());
  }

  async setClock(admin: Actor, at: string): Promise<void> {
    await this.http()
      .post('/admin/clock')
      .set(await this.auth(admin))
      .send({ at, frozen: true })
      .expect(200);
  }

  async advance(admin: Actor, duration: { days?: number; hours?: number; minutes?: number }): Promise<void> {
    await this.http()
      .post('/admin/clock/advance')
      .set(await this.auth(admin))
      .send(duration)
      .expect(200);
  }

  async publishDefinition(
    admin: Actor,
    procedureId: string,
    document: object,
  ): Promise<{ id: string; version: number }> {
    const created = await this.http()
      .post('/process-definitions')
      .set(await this.auth(admin))
      .send({ procedureId, document });
    if (created.status !== 201) throw new Error(`create definition: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await this.http()
      .post(`/process-definitions/${created.body.id}/publish`)
      .set(await this.auth(admin))
      .expect(200);
    return { id: published.body.id, version: published.body.version };
  }

  async accept(
    desk: Actor,
    procedureId: string,
    documents: string[],
  ): Promise<{ id: string; code: string; status: string }> {
    const response = await this.http()
      .post('/dossiers')
      .set(await this.auth(desk))
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId,
        channel: 'in-person',
        applicant: {
          name: 'Trần Văn Bình',
          identityNumber: '001090012345',
          address: 'Thôn Bắc, xã An Hòa',
          phone: '0912000111',
        },
        documents: documents.map((code) => ({ code, form: 'original', count: 1 })),
        outcome: 'accept',
      });
    if (response.status !== 201) throw new Error(`intake: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The open step of `dossierId` in the actor's inbox (optionally a given step id). */
  async openStep(
    actor: Actor,
    dossierId: string,
    stepId?: string,
  ): Promise<{ id: string; stepId: string; version: number; status: string }> {
    const items: Array<{ id: string; dossierId: string; stepId: string; version: number; status: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await this.http()
        .get('/inbox/steps')
        .query({ limit: 100, ...(cursor ? { cursor } : {}) })
        .set(await this.auth(actor))
        .expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const found = items.find((item) => item.dossierId === dossierId && (!stepId || item.stepId === stepId));
    if (!found)
      throw new Error(`no open step ${stepId ?? ''} of dossier ${dossierId} in the inbox of ${actor.username}`);
    return found;
  }

  async complete(
    actor: Actor,
    stepTaskId: string,
    outcome = 'approve',
    comment?: string,
    header?: { Authorization: string },
  ) {
    return this.http()
      .post(`/inbox/steps/${stepTaskId}/complete`)
      .set(header ?? (await this.auth(actor)))
      .send({ outcome, ...(comment ? { comment } : {}) });
  }

  async completeOpen(actor: Actor, dossierId: string, stepId: string, outcome = 'approve'): Promise<void> {
    const step = await this.openStep(actor, dossierId, stepId);
    const response = await this.complete(actor, step.id, outcome);
    if (response.status !== 200)
      throw new Error(`complete ${stepId}: ${response.status} ${JSON.stringify(response.body)}`);
    await this.services.waitUntilIdle();
  }

  async dossierStatus(dossierId: string): Promise<string> {
    const [row] = await this.services.dataSource.query(`SELECT status FROM dossier WHERE id = $1`, [dossierId]);
    return row.status;
  }

  async eventTypes(dossierId: string): Promise<string[]> {
    const rows: Array<{ type: string }> = await this.services.dataSource.query(
      `SELECT type FROM dossier_event WHERE dossier_id = $1 ORDER BY sequence`,
      [dossierId],
    );
    return rows.map((row) => row.type);
  }
}
