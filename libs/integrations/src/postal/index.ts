export * from './postal-carrier';
export * from './webhook-signature';
export * from './s10-tracking-number';
export * from './sandbox-postal.carrier';
