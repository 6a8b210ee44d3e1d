import { DomainError, ReturnChannel } from '@motcua/domain';
import type { PostalRecipient, ProcedureEntity, ReceivedDocument, SupplementItem } from '@motcua/persistence';
import type { IntakeCommand } from './intake.use-case';

// The pure checks of an intake submission against its procedure (unit-tested in intake-submission.spec.ts); the
// use case (intake.use-case.ts) does the I/O around them in one transaction.

/** Reason printed for a mandatory document that was not handed in at all. */
export const MISSING_DOCUMENT_REASON = 'Chưa nộp thành phần hồ sơ bắt buộc';

/** A 400 naming the field (`documents[1].code: ...`). */
export function intakeInvalid(field: string, message: string, code = 'intake.invalid'): DomainError {
  return new DomainError(code, `${field}: ${message}`, 'invalid', { field });
}

/** The documents handed in, named as the procedure names them; each must be one of its documents, listed once. */
export function receivedDocuments(
  procedure: ProcedureEntity,
  documents: IntakeCommand['documents'],
): ReceivedDocument[] {
  const seen = new Set<string>();
  return documents.map((document, index) => {
    const required = procedure.requiredDocuments.find((candidate) => candidate.code === document.code);
    if (!required) {
      throw intakeInvalid(
        `documents[${index}].code`,
        `'${document.code}' is not a document of procedure ${procedure.code} (expected one of ${procedure.requiredDocuments.map((candidate) => candidate.code).join(', ')})`,
      );
    }
    if (seen.has(document.code)) throw intakeInvalid(`documents[${index}].code`, `'${document.code}' is listed twice`);
    seen.add(document.code);
    return { code: required.code, name: required.name, form: document.form, count: document.count };
  });
}

/** Every missing mandatory document plus the officer's own items (defective documents), listed once. */
export function supplementItems(
  procedure: ProcedureEntity,
  missing: ProcedureEntity['requiredDocuments'],
  requested: Array<{ documentCode: string; reason: string }>,
): SupplementItem[] {
  const items: SupplementItem[] = [];
  requested.forEach((item, index) => {
    const document = procedure.requiredDocuments.find((candidate) => candidate.code === item.documentCode);
    if (!document)
      throw intakeInvalid(
        `supplementItems[${index}].documentCode`,
        `'${item.documentCode}' is not a document of procedure ${procedure.code}`,
      );
    if (!item.reason?.trim()) throw intakeInvalid(`supplementItems[${index}].reason`, 'a reason is required');
    if (items.some((existing) => existing.documentCode === document.code)) {
      throw intakeInvalid(`supplementItems[${index}].documentCode`, `'${item.documentCode}' is listed twice`);
    }
    items.push({ documentCode: document.code, documentName: document.name, reason: item.reason.trim() });
  });
  for (const document of missing) {
    if (!items.some((item) => item.documentCode === document.code)) {
      items.push({ documentCode: document.code, documentName: document.name, reason: MISSING_DOCUMENT_REASON });
    }
  }
  if (items.length === 0)
    throw intakeInvalid('supplementItems', 'nothing is missing: list the documents to complete, with reasons');
  return items;
}

/** The chosen return channel; a postal one without a recipient goes to the applicant's own address. */
export function returnChannelOf(
  command: Pick<IntakeCommand, 'returnChannel' | 'applicant'>,
): { channel: ReturnChannel; recipient: PostalRecipient | null } | null {
  const choice = command.returnChannel;
  if (!choice) return null;
  if (choice.channel !== 'postal') return { channel: choice.channel, recipient: null };
  const { name, address, phone } = command.applicant;
  return { channel: 'postal', recipient: choice.recipient ?? { name, address, phone } };
}
