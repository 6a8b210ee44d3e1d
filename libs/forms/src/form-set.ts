/**
 * Versioned printable-form sets, named after the circular that defines them.
 *
 * - `TT01-2018`: TT 01/2018/TT-VPCP Art. 9 (forms 01–06 under NĐ 61/2018).
 * - `TT03-2025`: TT 03/2025/TT-VPCP Appendix I (7 forms under NĐ 118/2025; adds "notice of stopping
 *   processing" as 05, moves the control slip to 06, and turns 04 into an apology with an extension request).
 *   Numbers and titles come from a secondary source: unverified against the gazette text.
 */
export type FormSetVersion = 'TT01-2018' | 'TT03-2025';

/** The forms this library renders. */
export type FormKind =
  'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'control-slip' | 'tracking-register' | 'payment-receipt';

export type FormPaperSize = 'A4' | 'A5';

export interface FormDefinition {
  /** Form number inside its circular, e.g. `01`. */
  number: string;
  /** Title printed on the form, upper case, Vietnamese. */
  title: string;
  paperSize: FormPaperSize;
}

export interface FormSet {
  version: FormSetVersion;
  /** Circular as printed, e.g. `TT 01/2018/TT-VPCP`. */
  circular: string;
  forms: Record<FormKind, FormDefinition>;
}

/** The form set used when the caller does not name one. */
export const DEFAULT_FORM_SET_VERSION: FormSetVersion = 'TT01-2018';

export const FORM_SETS: Readonly<Record<FormSetVersion, FormSet>> = {
  // TT 01/2018/TT-VPCP Art. 9 and its appendix.
  'TT01-2018': {
    version: 'TT01-2018',
    circular: 'TT 01/2018/TT-VPCP',
    forms: {
      receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', paperSize: 'A5' },
      'supplement-request': { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', paperSize: 'A5' },
      refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ', paperSize: 'A5' },
      apology: { number: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', paperSize: 'A5' },
      'control-slip': { number: '05', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', paperSize: 'A4' },
      'tracking-register': { number: '06', title: 'SỔ THEO DÕI HỒ SƠ', paperSize: 'A4' },
      // Not a TT 01/2018 form: the fee receipt (biên lai thu phí, lệ phí; e-receipt per NĐ 11/2020, unverified).
      'payment-receipt': { number: 'BL', title: 'BIÊN LAI THU PHÍ, LỆ PHÍ', paperSize: 'A5' },
    },
  },
  // TT 03/2025/TT-VPCP Appendix I (unverified: secondary source).
  'TT03-2025': {
    version: 'TT03-2025',
    circular: 'TT 03/2025/TT-VPCP',
    forms: {
      receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', paperSize: 'A5' },
      'supplement-request': { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', paperSize: 'A5' },
      refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', paperSize: 'A5' },
      apology: { number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', paperSize: 'A5' },
      'control-slip': { number: '06', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', paperSize: 'A4' },
      // Unverified: the register assumed to follow as form 07.
      'tracking-register': { number: '07', title: 'SỔ THEO DÕI HỒ SƠ', paperSize: 'A4' },
      'payment-receipt': { number: 'BL', title: 'BIÊN LAI THU PHÍ, LỆ PHÍ', paperSize: 'A5' },
    },
  },
};

/** The definition of one form in one form set. */
export function formDefinition(kind: FormKind, version: FormSetVersion = DEFAULT_FORM_SET_VERSION): FormDefinition {
  return FORM_SETS[version].forms[kind];
}
