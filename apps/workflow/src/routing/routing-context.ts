import {
  AgencyReference,
  canTransition,
  DomainError,
  DossierEvent,
  nextStatus,
  ProcessDefinitionDocument,
  WorkingCalendar,
} from '@motcua/domain';
import { DossierEntity, DossierRepository } from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { EntityManager } from 'typeorm';

/** A dossier event as the router reads it (after its cursor). */
export interface StoredEvent {
  id: string;
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * What the router and the step handlers share while routing one dossier, inside the routing transaction and
 * under the dossier row lock: the dossier as it is now, the calendar, and the small writes every routing action
 * makes (an event caused by a routed event, a state-machine move, an agency lookup).
 */
export class RoutingContext {
  finished: boolean;

  constructor(
    readonly manager: EntityManager,
    public dossier: DossierEntity,
    readonly calendar: WorkingCalendar,
    finished: boolean,
  ) {
    this.finished = finished;
  }

  /**
   * Appends an event to this dossier, caused by `cause` (its sequence and the dossier status are recorded). The
   * router took this dossier's row lock at the top of its transaction, so the append does not take it again.
   */
  async append(cause: StoredEvent, type: string, payload: Record<string, unknown>): Promise<void> {
    await appendDossierEvent(
      this.manager,
      {
        dossierId: this.dossier.id,
        type,
        payload: { ...payload, causedBySequence: cause.sequence, status: this.dossier.status },
        actor: null,
        occurredAt: cause.occurredAt,
      },
      { dossierLocked: true },
    );
  }

  /** Moves the dossier through the domain state machine (skips a transition that is not allowed, e.g. replays). */
  async transition(event: DossierEvent): Promise<void> {
    if (!canTransition(this.dossier.status, event)) return;
    await this.updateDossier({ status: nextStatus(this.dossier.status, event) });
  }

  async updateDossier(patch: Partial<Pick<DossierEntity, 'status' | 'processDefinitionId'>>): Promise<void> {
    const updated = await new DossierRepository(this.manager).updateIfVersion(
      this.dossier.id,
      this.dossier.version,
      patch,
    );
    if (!updated) throw new Error(`dossier ${this.dossier.id} changed under the routing lock`);
    this.dossier = { ...this.dossier, ...patch, version: this.dossier.version + 1 } as DossierEntity;
  }

  /** The agency a definition names: by its identifier, or the desk that received the dossier. */
  async resolveAgency(reference: AgencyReference): Promise<{ id: string; identifier: string }> {
    const rows: Array<{ id: string; identifier: string }> =
      'code' in reference
        ? await this.manager.query(`SELECT id, identifier FROM agency WHERE identifier = $1`, [reference.code])
        : await this.manager.query(`SELECT id, identifier FROM agency WHERE id = $1`, [this.dossier.receivingAgencyId]);
    if (rows.length === 0) {
      throw new DomainError(
        'routing.unknown-agency',
        `No agency with identifier '${'code' in reference ? reference.code : '?'}'`,
        'precondition',
      );
    }
    return rows[0];
  }
}

/** The definition a routed dossier is pinned to (id + document). */
export interface PinnedDefinition {
  id: string;
  document: ProcessDefinitionDocument;
}
