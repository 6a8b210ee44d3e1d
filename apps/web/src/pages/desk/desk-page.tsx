import { useQueryClient } from '@tanstack/preact-query';
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { useSession } from '../../session/session';
import { fieldMessage } from '../../ui/labels';
import { ApplicantFields, type Applicant } from './applicant-fields';
import { checklistOf, DocumentChecklist, type DocumentLine } from './document-checklist';
import { IntakeResult } from './intake-result';
import { OutcomeFields, type Outcome } from './outcome-fields';
import { ProcedurePicker, type Procedure } from './procedure-picker';

type Dossier = Schema<'DossierResponseDto'>;
type Registration = Schema<'RegisterDossierDto'>;

const EMPTY_APPLICANT: Applicant = { name: '', identityNumber: '', address: '', phone: '', email: '' };

/** One key per form: a double click or a retry after a network error sends the same key → one dossier. */
const newKey = () => crypto.randomUUID();

export interface IntakeForm {
  channel: 'in-person' | 'postal';
  /** postal: hand-over record time (datetime-local, Vietnam time). */
  handedOverAt: string;
  outcome: Outcome;
  refusalReason: string;
  numberOfSets: number;
  /** How the result goes back; '' = the default of the submission channel. */
  returnChannel: '' | 'desk' | 'online' | 'postal';
}

const EMPTY_FORM: IntakeForm = {
  channel: 'in-person',
  handedOverAt: '',
  outcome: 'accept',
  refusalReason: '',
  numberOfSets: 1,
  returnChannel: '',
};

function registrationOf(
  procedure: Procedure,
  lines: DocumentLine[],
  applicant: Applicant,
  form: IntakeForm,
): Registration {
  const received = lines.filter((line) => line.received);
  return {
    procedureId: procedure.id,
    channel: form.channel,
    receivedAt: form.channel === 'postal' && form.handedOverAt ? new Date(form.handedOverAt).toISOString() : undefined,
    applicant: { ...applicant, email: applicant.email || undefined },
    documents: received.map((line) => ({ code: line.code, form: line.form as 'original', count: line.count })),
    numberOfSets: form.numberOfSets,
    outcome: form.outcome,
    supplementItems:
      form.outcome === 'request-supplement'
        ? lines
            .filter((line) => line.supplementReason.trim())
            .map((line) => ({ documentCode: line.code, reason: line.supplementReason.trim() }))
        : undefined,
    refusalReason: form.outcome === 'refuse' ? form.refusalReason : undefined,
    returnChannel: form.returnChannel ? { channel: form.returnChannel } : undefined,
  };
}

/** The desk: find the procedure, check the documents, record the applicant, decide, print the form. */
export default function DeskPage() {
  const { actor } = useSession();
  const queries = useQueryClient();
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [lines, setLines] = useState<DocumentLine[]>([]);
  const [applicant, setApplicant] = useState<Applicant>(EMPTY_APPLICANT);
  const [form, setForm] = useState<IntakeForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  const inFlight = useRef(false);

  const reset = () => {
    key.current = newKey();
    setProcedure(null);
    setLines([]);
    setApplicant(EMPTY_APPLICANT);
    setForm(EMPTY_FORM);
    setErrors({});
    setMessage(null);
    setDossier(null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (inFlight.current) return;
    if (!procedure) {
      setErrors({ procedureId: fieldMessage('procedureId', '') });
      document.getElementById('procedure-search')?.focus();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setMessage(null);
    try {
      const created = await api<Dossier>('/dossiers', {
        method: 'POST',
        headers: { 'Idempotency-Key': key.current },
        body: registrationOf(procedure, lines, applicant, form),
      });
      setErrors({});
      setDossier(created);
      void queries.invalidateQueries({ queryKey: ['inbox'] });
    } catch (failure) {
      const fields = failure instanceof ApiError ? failure.fields : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, fieldMessage(field, text)])));
      setMessage(
        Object.keys(fields).length > 0
          ? 'Hồ sơ chưa được ghi nhận: sửa các trường được đánh dấu.'
          : `Hồ sơ chưa được ghi nhận: ${describeError(failure)}`,
      );
      const first = Object.keys(fields)[0];
      if (first) (document.querySelector(`[name="${first}"]`) as HTMLElement | null)?.focus();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (dossier) {
    return (
      <main id="main" class="page">
        <h1>Tiếp nhận hồ sơ</h1>
        <IntakeResult dossier={dossier} onNext={reset} />
      </main>
    );
  }

  return (
    <main id="main" class="page">
      <h1>Tiếp nhận hồ sơ</h1>
      <form class="stack" onSubmit={submit} noValidate>
        <ProcedurePicker
          agencyId={actor!.agencyId}
          selected={procedure}
          error={errors.procedureId}
          onSelect={(picked) => {
            setProcedure(picked);
            setLines(checklistOf(picked));
            setErrors(({ procedureId: _, ...rest }) => rest);
          }}
        />
        {procedure && (
          <DocumentChecklist
            lines={lines}
            onChange={setLines}
            askReasons={form.outcome === 'request-supplement'}
            errors={errors}
          />
        )}
        <ApplicantFields
          applicant={applicant}
          onChange={setApplicant}
          errors={errors}
          onCheck={(field, text) => setErrors(({ [field]: _, ...rest }) => (text ? { ...rest, [field]: text } : rest))}
        />
        <OutcomeFields form={form} onChange={setForm} errors={errors} />
        {message && (
          <p class="error" role="alert">
            {message}
          </p>
        )}
        <div class="row">
          <button type="submit" disabled={busy}>
            {busy ? 'Đang ghi nhận…' : 'Ghi nhận hồ sơ'}
          </button>
        </div>
      </form>
    </main>
  );
}
