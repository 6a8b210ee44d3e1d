import type { InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'label' | 'value'> & {
  label: string;
  name: string;
  /** The API's or the form's message for this field, shown beside it and announced. */
  error?: string;
  hint?: string;
  value?: string | number;
};

/** A labelled input with its error beside it (aria-invalid + aria-describedby). */
export function Field({ label, error, hint, id, value, ...input }: InputProps) {
  const generated = useId();
  const inputId = (id as string | undefined) ?? `field-${generated}`;
  const described = [hint && `${inputId}-hint`, error && `${inputId}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={inputId}>{label}</label>
      <input
        id={inputId}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        {...input}
      />
      {hint && (
        <small id={`${inputId}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${inputId}-error`} class="field-error" data-field-error={input.name}>
          {error}
        </small>
      )}
    </div>
  );
}
