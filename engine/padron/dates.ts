/**
 * Dates as agencies' files carry them: ISO (2025-08-13), day first (13/08/2025, 13-08-2025, 1/8/2025)
 * and Excel's serial numbers (45882 is 2025-08-13; Excel counts 1900 as a leap year, so serials from
 * 61 on are one day ahead of the calendar). Pure module.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function iso(year: number, month: number, day: number): string | null {
  return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
}

/** Excel's day 1 is 1900-01-01; its phantom 1900-02-29 (serial 60) makes later serials count from 1899-12-30. */
function fromExcelSerial(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465 || serial === 60) return null;
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + serial * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The ISO date a cell means, or null when it is not a real date in one of those forms. */
export function readDate(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return fromExcelSerial(value);
  const text = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{1,7}$/.test(text)) return fromExcelSerial(Number(text));
  return null;
}
