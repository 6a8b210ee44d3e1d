import { DomainError } from '@motcua/domain';
import type { ProcedureEntity } from '@motcua/persistence';
import { IntakeCommand, intakeFingerprint } from './intake.use-case';
import { MISSING_DOCUMENT_REASON, receivedDocuments, returnChannelOf, supplementItems } from './intake-submission';

const procedure = {
  code: '1.000775',
  requiredDocuments: [
    { code: 'TK01', name: 'Tờ khai', mandatory: true },
    { code: 'GT02', name: 'Giấy tờ tùy thân', mandatory: true },
    { code: 'AN03', name: 'Ảnh', mandatory: false },
  ],
} as unknown as ProcedureEntity;

const fieldOf = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, kind: error.kind, ...error.details };
    throw error;
  }
  throw new Error('expected a DomainError');
};

const command: IntakeCommand = {
  receivingAgencyId: 'desk',
  actor: { userId: 'u1', agencyId: 'desk' },
  idempotencyKey: 'k1',
  procedureId: 'p1',
  channel: 'in-person',
  applicant: { name: 'Nguyễn Văn A', address: 'Hà Nội', phone: '0900000000' } as IntakeCommand['applicant'],
  documents: [{ code: 'TK01', form: 'original', count: 1 } as IntakeCommand['documents'][number]],
};

describe('intake: the pure checks of a submission', () => {
  it('names received documents as the procedure does; unknown or repeated codes are 400s naming the field', () => {
    expect(receivedDocuments(procedure, [{ code: 'AN03', form: 'copy', count: 2 } as never])).toEqual([
      { code: 'AN03', name: 'Ảnh', form: 'copy', count: 2 },
    ]);
    expect(fieldOf(() => receivedDocuments(procedure, [{ code: 'XX', form: 'copy', count: 1 } as never]))).toEqual({
      code: 'intake.invalid',
      kind: 'invalid',
      field: 'documents[0].code',
    });
    const twice = [
      { code: 'TK01', form: 'copy', count: 1 },
      { code: 'TK01', form: 'original', count: 1 },
    ] as never;
    expect(() => receivedDocuments(procedure, twice)).toThrow("documents[1].code: 'TK01' is listed twice");
  });

  it('a supplement notice lists every missing mandatory document plus the officer’s own items, once each', () => {
    const missing = procedure.requiredDocuments.filter((document) => document.code !== 'TK01' && document.mandatory);
    expect(supplementItems(procedure, missing, [{ documentCode: 'TK01', reason: '  thiếu chữ ký ' }])).toEqual([
      { documentCode: 'TK01', documentName: 'Tờ khai', reason: 'thiếu chữ ký' },
      { documentCode: 'GT02', documentName: 'Giấy tờ tùy thân', reason: MISSING_DOCUMENT_REASON },
    ]);
    // The officer's own reason wins for a missing document they also listed.
    expect(supplementItems(procedure, missing, [{ documentCode: 'GT02', reason: 'hết hạn' }])).toEqual([
      { documentCode: 'GT02', documentName: 'Giấy tờ tùy thân', reason: 'hết hạn' },
    ]);
  });

  it('refuses an empty, unknown, reason-less or repeated supplement item', () => {
    expect(() => supplementItems(procedure, [], [])).toThrow('supplementItems: nothing is missing');
    expect(() => supplementItems(procedure, [], [{ documentCode: 'XX', reason: 'r' }])).toThrow(
      "supplementItems[0].documentCode: 'XX' is not a document of procedure 1.000775",
    );
    expect(() => supplementItems(procedure, [], [{ documentCode: 'TK01', reason: ' ' }])).toThrow(
      'supplementItems[0].reason: a reason is required',
    );
    expect(() =>
      supplementItems(
        procedure,
        [],
        [
          { documentCode: 'TK01', reason: 'a' },
          { documentCode: 'TK01', reason: 'b' },
        ],
      ),
    ).toThrow("supplementItems[1].documentCode: 'TK01' is listed twice");
  });

  it('a postal return without a recipient goes to the applicant’s own address; no choice = none recorded', () => {
    expect(returnChannelOf(command)).toBeNull();
    expect(returnChannelOf({ ...command, returnChannel: { channel: 'online' } })).toEqual({
      channel: 'online',
      recipient: null,
    });
    expect(returnChannelOf({ ...command, returnChannel: { channel: 'postal' } })).toEqual({
      channel: 'postal',
      recipient: { name: 'Nguyễn Văn A', address: 'Hà Nội', phone: '0900000000' },
    });
  });

  it('the idempotency fingerprint ignores defaults spelled out, and changes with the submission', () => {
    const base = intakeFingerprint(command);
    expect(intakeFingerprint({ ...command, numberOfSets: 1, applicant: { ...command.applicant, email: null } })).toBe(
      base,
    );
    expect(intakeFingerprint({ ...command, idempotencyKey: 'other-key', actor: null })).toBe(base);
    expect(intakeFingerprint({ ...command, numberOfSets: 2 })).not.toBe(base);
    expect(intakeFingerprint({ ...command, returnChannel: { channel: 'desk' } })).not.toBe(base);
  });
});
