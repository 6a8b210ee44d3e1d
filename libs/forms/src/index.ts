export * from './form-set';
export * from './form-common';
export {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatTime,
  DEFAULT_TIME_ZONE_OFFSET_MINUTES,
} from './form-format';
export * from './receipt.form';
export * from './supplement-request.form';
export * from './refusal.form';
export * from './apology.form';
export * from './control-slip.form';
export * from './payment-receipt.form';
