/**
 * File types a dossier document or an electronic result may have, recognised from their first bytes (magic
 * numbers), never from the name or the client's declared type: scanners at the desk produce PDF, JPEG, PNG or TIFF.
 */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** How many leading bytes `sniffDocumentContentType` needs. */
export const CONTENT_SNIFF_BYTES = 8;

const SIGNATURES: ReadonlyArray<{ type: DocumentContentType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] }, // little-endian "II*\0"
  { type: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // big-endian "MM\0*"
];

/** The document type of a file from its first bytes, or null when it is none of the accepted types. */
export function sniffDocumentContentType(head: Uint8Array): DocumentContentType | null {
  const match = SIGNATURES.find(
    ({ bytes }) => head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte),
  );
  return match?.type ?? null;
}

/** File-name extension for a content type (used for downloads). */
export function extensionOfContentType(type: DocumentContentType): string {
  switch (type) {
    case 'application/pdf':
      return 'pdf';
    case 'image/jpeg':
      return 'jpg';
    case 'image/png':
      return 'png';
    case 'image/tiff':
      return 'tiff';
  }
}
