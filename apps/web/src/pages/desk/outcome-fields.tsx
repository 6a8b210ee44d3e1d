import { Field } from '../../ui/field';
import type { IntakeForm } from './desk-page';

export type Outcome = 'accept' | 'request-supplement' | 'refuse';

const OUTCOMES: Array<[Outcome, string]> = [
  ['accept', 'Tiếp nhận (in Mẫu 01)'],
  ['request-supplement', 'Yêu cầu bổ sung (in Mẫu 02)'],
  ['refuse', 'Từ chối tiếp nhận (in Mẫu 03)'],
];

/** Channel (in person / postal with its hand-over time), return channel, number of sets, and the outcome of the check. */
export function OutcomeFields({
  form,
  onChange,
  errors,
}: {
  form: IntakeForm;
  onChange(form: IntakeForm): void;
  errors: Record<string, string>;
}) {
  return (
    <fieldset>
      <legend>4. Kênh nộp và kết quả kiểm tra</legend>
      <div class="row">
        <div class="field">
          <label for="channel">Kênh nộp</label>
          <select
            id="channel"
            name="channel"
            value={form.channel}
            onChange={(event) => onChange({ ...form, channel: event.currentTarget.value as IntakeForm['channel'] })}
          >
            <option value="in-person">Trực tiếp tại bộ phận một cửa</option>
            <option value="postal">Qua bưu chính công ích</option>
          </select>
        </div>
        {form.channel === 'postal' && (
          <Field
            label="Thời điểm lập biên bản giao nhận"
            name="receivedAt"
            type="datetime-local"
            required
            value={form.handedOverAt}
            error={errors.receivedAt}
            onInput={(event) => onChange({ ...form, handedOverAt: event.currentTarget.value })}
          />
        )}
        <div class="field">
          <label for="return-channel">Hình thức nhận kết quả</label>
          <select
            id="return-channel"
            name="returnChannel.channel"
            value={form.returnChannel}
            aria-invalid={errors['returnChannel.channel'] ? 'true' : undefined}
            onChange={(event) =>
              onChange({ ...form, returnChannel: event.currentTarget.value as IntakeForm['returnChannel'] })
            }
          >
            <option value="">Theo kênh nộp (mặc định)</option>
            <option value="desk">Nhận tại bộ phận một cửa</option>
            <option value="online">Nhận trực tuyến (đường dẫn tải về)</option>
            <option value="postal">Gửi qua bưu chính đến địa chỉ người nộp</option>
          </select>
          {errors['returnChannel.channel'] && <small class="field-error">{errors['returnChannel.channel']}</small>}
        </div>
        <Field
          label="Số bộ hồ sơ"
          name="numberOfSets"
          type="number"
          min={1}
          max={20}
          style={{ width: '6rem' }}
          value={form.numberOfSets}
          error={errors.numberOfSets}
          onInput={(event) => onChange({ ...form, numberOfSets: Number(event.currentTarget.value) })}
        />
      </div>
      <div role="radiogroup" aria-label="Kết quả kiểm tra hồ sơ" class="row" style={{ marginTop: '0.75rem' }}>
        {OUTCOMES.map(([value, label]) => (
          <label key={value} style={{ fontWeight: 'normal' }}>
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={form.outcome === value}
              onChange={() => onChange({ ...form, outcome: value })}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {form.outcome === 'refuse' && (
        <div class="field" style={{ marginTop: '0.75rem' }}>
          <label for="refusal-reason">Lý do từ chối (in trên Mẫu 03)</label>
          <textarea
            id="refusal-reason"
            name="refusalReason"
            required
            aria-invalid={errors.refusalReason ? 'true' : undefined}
            value={form.refusalReason}
            onInput={(event) => onChange({ ...form, refusalReason: event.currentTarget.value })}
          />
          {errors.refusalReason && <small class="field-error">{errors.refusalReason}</small>}
        </div>
      )}
    </fieldset>
  );
}
