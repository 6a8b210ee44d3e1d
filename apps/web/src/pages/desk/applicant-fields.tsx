import { API_PATTERNS } from '../../api/patterns.gen';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { FIELD_MESSAGES } from '../../ui/labels';

export type Applicant = Schema<'ApplicantDto'>;

/** The API's own formats (OpenAPI `pattern`s of ApplicantDto), checked when a field is left. */
function check(field: keyof Applicant, value: string): string | undefined {
  const pattern = API_PATTERNS[`ApplicantDto.${field}`];
  if (!pattern || !value) return undefined;
  return new RegExp(pattern).test(value) ? undefined : FIELD_MESSAGES[`applicant.${field}`];
}

/** Applicant fields; each shows its own error (from leaving the field, or from the API after submitting). */
export function ApplicantFields({
  applicant,
  onChange,
  errors,
  onCheck,
}: {
  applicant: Applicant;
  onChange(applicant: Applicant): void;
  errors: Record<string, string>;
  onCheck(field: string, message: string | undefined): void;
}) {
  const bind = (field: keyof Applicant) => ({
    name: `applicant.${field}`,
    value: applicant[field] ?? '',
    error: errors[`applicant.${field}`],
    onInput: (event: Event) => onChange({ ...applicant, [field]: (event.currentTarget as HTMLInputElement).value }),
    onBlur: (event: Event) =>
      onCheck(`applicant.${field}`, check(field, (event.currentTarget as HTMLInputElement).value)),
  });
  return (
    <fieldset>
      <legend>3. Người nộp hồ sơ</legend>
      <div class="grid">
        <Field label="Họ và tên" autoComplete="off" required {...bind('name')} />
        <Field
          label="Số CCCD/CMND"
          inputMode="numeric"
          maxLength={12}
          required
          hint="12 chữ số (CCCD) hoặc 9 chữ số (CMND)"
          {...bind('identityNumber')}
        />
        <Field label="Số điện thoại" type="tel" required {...bind('phone')} />
        <Field label="Thư điện tử (không bắt buộc)" type="email" {...bind('email')} />
      </div>
      <div style={{ marginTop: '0.75rem' }}>
        <Field label="Địa chỉ" required {...bind('address')} />
      </div>
    </fieldset>
  );
}
