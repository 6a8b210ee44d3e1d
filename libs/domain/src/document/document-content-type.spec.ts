import { sniffDocumentContentType } from './document-content-type';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffDocumentContentType', () => {
  it.each([
    ['application/pdf', bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37)],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['image/tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0)],
    ['image/tiff', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0)],
  ])('recognises %s from its magic number', (type, head) => {
    expect(sniffDocumentContentType(head)).toBe(type);
  });

  it('refuses other content, short heads and near misses', () => {
    expect(sniffDocumentContentType(Buffer.from('<html><body>'))).toBeNull();
    expect(sniffDocumentContentType(Buffer.from('PK\u0003\u0004'))).toBeNull(); // zip / docx
    expect(sniffDocumentContentType(bytes(0x25, 0x50, 0x44))).toBeNull();
    expect(sniffDocumentContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b))).toBeNull();
    expect(sniffDocumentContentType(bytes())).toBeNull();
  });
});
