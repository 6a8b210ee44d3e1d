import type { FormSetVersion } from './form-set';

/** The applicant (người nộp hồ sơ) as printed on a form. */
export interface FormApplicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** The procedure (thủ tục hành chính) a dossier is for. */
export interface FormProcedure {
  name: string;
  /** National procedure code, e.g. `1.001234`. */
  code?: string;
}

/** Fields every form shares. */
export interface FormCommonData {
  /** Dossier code, e.g. `000.00.12.H62-201105-0004` (TT 01/2018 Art. 19). */
  dossierCode: string;
  /** Issuing agency or desk, e.g. `BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ UBND QUẬN BA ĐÌNH`. */
  agencyName: string;
  /** Governing agency printed above `agencyName` (cơ quan chủ quản), e.g. `UBND THÀNH PHỐ HÀ NỘI`. */
  parentAgencyName?: string;
  /** Place printed in the date line, e.g. `Hà Nội`. */
  placeName?: string;
  /** Document number printed after `Số:`; left as dots when absent. */
  documentNumber?: string;
  /** When the form is issued; also the PDF CreationDate. Defaults to the form's main date. */
  issuedAt?: Date;
  /** When given, the QR code encodes this URL instead of the bare dossier code. */
  lookupUrl?: string;
  /** Form set (circular) to print; defaults to `TT01-2018`. */
  formSet?: FormSetVersion;
  /** Offset from UTC used to print dates and times; defaults to 420 (Asia/Ho_Chi_Minh). */
  timeZoneOffsetMinutes?: number;
  /** Printed in the footer instead of `Mã hồ sơ: <dossierCode>` (forms that are not about one dossier). */
  footerReference?: string;
}

/** Someone who signs a form. */
export interface FormSignatory {
  /** Printed above the signature, e.g. `NGƯỜI TIẾP NHẬN HỒ SƠ`; each form has a default. */
  title?: string;
  name?: string;
}
