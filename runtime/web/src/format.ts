/** Formatting for people in Mexico: dates DD/MM/AAAA in America/Mexico_City, money in pesos, file sizes. */
import { STATUS_LOOK, type ApplicationStatus } from '../../../engine/vocabulary.ts';

const TIME_ZONE = 'America/Mexico_City';

const dateFormat = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('es-MX', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const longDateFormat = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const moneyFormat = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN', maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat('es-MX');

/** `AAAA-MM-DD` (a calendar date, no time zone) → `DD/MM/AAAA`. */
function calendarDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
}

/** An instant or a calendar date as DD/MM/AAAA in Mexico City time. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const plain = calendarDate(value);
  if (plain) return plain;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
}

/** An instant as DD/MM/AAAA, HH:MM in Mexico City time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
}

/** An instant as "29 de enero de 2027". */
export function formatLongDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : longDateFormat.format(d);
}

export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

const MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/webp': 'WEBP',
  'image/heic': 'HEIC',
};

export function mediaTypeLabel(type: string): string {
  return MEDIA_TYPES[type] ?? type.split('/').pop()?.toUpperCase() ?? type;
}

/** Human list: "PDF, JPG o PNG". */
export function listaO(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} o ${items[items.length - 1]}`;
}

/** Colour of a status chip: the tone the platform vocabulary gives the status (each keeps 4.5:1 contrast with its text). */
export function estadoColor(estado: string): 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info' {
  return STATUS_LOOK[estado as ApplicationStatus]?.tone ?? 'default';
}

export function sexoLabel(sexo: string): string {
  return sexo === 'H' ? 'Hombre' : sexo === 'M' ? 'Mujer' : sexo === 'X' ? 'No binario' : sexo;
}

/** "4421234567" → "442 123 4567"; masks all but the last four digits when `mask`. */
export function formatPhone(phone: string, mask = false): string {
  const digits = phone.replace(/\D/g, '');
  const shown = mask ? `${'•'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}` : digits;
  return shown.length === 10 ? `${shown.slice(0, 3)} ${shown.slice(3, 6)} ${shown.slice(6)}` : shown;
}
