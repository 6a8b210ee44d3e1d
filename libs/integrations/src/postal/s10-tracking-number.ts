/**
 * UPU S10 item identifiers (what VNPost prints: `EE123456785VN`): two service letters, an 8-digit serial, a check
 * digit, the country code. Check digit: weights 8 6 4 2 3 5 9 7, 11 − (sum mod 11), 10 → 0, 11 → 5.
 */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new Error(`S10 serial must be 8 digits: '${serial}'`);
  const sum = serial.split('').reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

export function formatS10(service: string, serialNumber: number, country = 'VN'): string {
  const serial = String(serialNumber % 100_000_000).padStart(8, '0');
  return `${service}${serial}${s10CheckDigit(serial)}${country}`;
}

export function isValidS10(value: string): boolean {
  const match = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(value);
  return match !== null && s10CheckDigit(match[1]) === Number(match[2]);
}
