import { useState } from 'preact/hooks';
import { citizenApi, CitizenError } from './citizen-api';

const LEVELS: Array<[string, string]> = [
  ['very-satisfied', 'Rất hài lòng'],
  ['satisfied', 'Hài lòng'],
  ['dissatisfied', 'Không hài lòng'],
];

/** The satisfaction rating, once per dossier after return (the API refuses a second one). */
export function RatingForm(props: { code: string; secret: string; onRated: () => void }) {
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!level) {
      setError('Vui lòng chọn mức độ hài lòng.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await citizenApi.rate(props.code, props.secret, level, comment);
      props.onRated();
    } catch (caught) {
      setError(caught instanceof CitizenError ? caught.message : 'Không gửi được đánh giá.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card stack citizen-rating" onSubmit={submit} aria-labelledby="rating-title">
      <h2 id="rating-title">Đánh giá mức độ hài lòng</h2>
      <fieldset>
        <legend>Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?</legend>
        {LEVELS.map(([value, label]) => (
          <label key={value} class="choice">
            <input type="radio" name="level" value={value} checked={level === value} onChange={() => setLevel(value)} />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="rating-comment">Góp ý (không bắt buộc)</label>
        <textarea
          id="rating-comment"
          maxLength={2000}
          value={comment}
          onInput={(event) => setComment((event.target as HTMLTextAreaElement).value)}
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Gửi đánh giá
      </button>
    </form>
  );
}
