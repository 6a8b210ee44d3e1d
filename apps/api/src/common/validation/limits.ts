import { MAX_FEE_VND } from '@motcua/domain';

/** The largest value of a Postgres `integer` column (versions, counters): larger input is refused by validation. */
export const MAX_INT32 = 2_147_483_647;
/** A sane bound on money amounts in VND: the domain's fee cap (10^13, far below bigint and Number.MAX_SAFE_INTEGER). */
export const MAX_AMOUNT_VND = MAX_FEE_VND;
