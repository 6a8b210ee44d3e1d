import { Arrivals, deskAgencyIndexes } from './arrivals';
import type { ProvinceModel } from './province-model';

/** One received dossier as the record has it (e.g. a row of the indicator projection's dossier facts). */
export interface RecordedArrival {
  receivedAtMs: number;
  procedureCode: string;
  /** The receiving agency's electronic identifier (a desk of the model). */
  agencyCode: string;
  online: boolean;
}

export interface HistoryArrivals {
  arrivals: Arrivals;
  /** Records left out: procedure or receiving agency not in the model. */
  skipped: number;
}

/**
 * Arrivals to replay from recorded history: who came when, for which procedure, at which desk, online or not. The
 * order is the reception instant, then the order given (so the simulator numbers dossiers as the history does).
 */
export function arrivalsFromHistory(model: ProvinceModel, records: readonly RecordedArrival[]): HistoryArrivals {
  const procedureIndex = new Map(model.procedures.map((procedure, index) => [procedure.procedureCode, index]));
  const deskIndex = new Map(
    deskAgencyIndexes(model).map((agencyIndex, index) => [model.agencies[agencyIndex].code, index]),
  );
  const kept = records
    .map((record, order) => ({
      record,
      order,
      procedure: procedureIndex.get(record.procedureCode),
      desk: deskIndex.get(record.agencyCode),
    }))
    .filter((row) => row.procedure !== undefined && row.desk !== undefined && Number.isFinite(row.record.receivedAtMs))
    .sort((a, b) => a.record.receivedAtMs - b.record.receivedAtMs || a.order - b.order);
  return {
    arrivals: {
      count: kept.length,
      receivedAtMs: Float64Array.from(kept, (row) => row.record.receivedAtMs),
      procedureIndex: Int32Array.from(kept, (row) => row.procedure!),
      deskIndex: Int32Array.from(kept, (row) => row.desk!),
      online: Uint8Array.from(kept, (row) => (row.record.online ? 1 : 0)),
    },
    skipped: records.length - kept.length,
  };
}
