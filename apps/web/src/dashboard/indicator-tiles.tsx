import { INDICATOR_NAMES, IndicatorValue, percent } from './dashboard-format';

/** One tile per indicator: value against target, green when met, red when not (and said in words, not only colour). */
export function IndicatorTiles({ indicators }: { indicators: IndicatorValue[] }) {
  return (
    <ul class="indicator-tiles" aria-label="Chỉ số">
      {indicators.map((indicator) => {
        const state = indicator.met === null ? 'none' : indicator.met ? 'met' : 'missed';
        return (
          <li key={indicator.id} class={`indicator-tile ${state}`} data-indicator={indicator.id} data-met={state}>
            <h3>{INDICATOR_NAMES[indicator.id] ?? indicator.id}</h3>
            <p class="indicator-value">{percent(indicator.value)}</p>
            <p>
              {indicator.numerator} / {indicator.denominator} · chỉ tiêu {percent(indicator.target)}
            </p>
            <p class="indicator-verdict">
              {state === 'met' ? 'Đạt chỉ tiêu' : state === 'missed' ? 'Chưa đạt chỉ tiêu' : 'Chưa có số liệu'}
            </p>
            <p class="hint" title={indicator.legalSource}>
              {indicator.formula}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
