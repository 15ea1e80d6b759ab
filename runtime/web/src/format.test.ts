import { describe, expect, it } from 'vitest';
import { estadoColor, formatBytes, formatDate, formatDateTime, formatLongDate, formatMoney, formatPhone, listaO, mediaTypeLabel, sexoLabel } from './format.ts';

describe('formatting for people in Mexico', () => {
  it.each([
    ['2026-12-05', '05/12/2026'], // a calendar date is never shifted by a time zone
    ['2026-12-05T05:30:00Z', '04/12/2026'], // 23:30 of the 4th in Mexico City
    ['2026-12-05T06:00:00Z', '05/12/2026'],
    ['no es fecha', 'no es fecha'],
    ['', ''],
    [null, ''],
  ])('formatDate(%s) → %s', (value, shown) => expect(formatDate(value)).toBe(shown));

  it.each([
    ['2026-12-05T05:30:00Z', '04/12/2026, 23:30'],
    ['2027-01-12T16:00:00Z', '12/01/2027, 10:00'],
  ])('formatDateTime(%s) → %s', (value, shown) => expect(formatDateTime(value)).toBe(shown));

  it('writes long dates and money as people read them', () => {
    expect(formatLongDate('2027-01-29T18:00:00Z')).toBe('29 de enero de 2027');
    expect(formatMoney(3000)).toBe('$3,000');
    expect(formatMoney(1250.5)).toBe('$1,251');
  });

  it.each([
    [512, '512 bytes'],
    [2048, '2 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
  ])('formatBytes(%i) → %s', (bytes, shown) => expect(formatBytes(bytes)).toBe(shown));

  it.each([
    ['4421234567', false, '442 123 4567'],
    ['442-123-4567', true, '••• ••• 4567'],
    ['12345', false, '12345'],
  ])('formatPhone(%s, mask %s) → %s', (phone, mask, shown) => expect(formatPhone(phone, mask)).toBe(shown));

  it('names media types, sex and lists in Spanish', () => {
    expect(['application/pdf', 'image/png', 'text/csv'].map(mediaTypeLabel)).toEqual(['PDF', 'PNG', 'CSV']);
    expect(['H', 'M', 'X', '?'].map(sexoLabel)).toEqual(['Hombre', 'Mujer', 'No binario', '?']);
    expect([[], ['PDF'], ['PDF', 'JPG'], ['PDF', 'JPG', 'PNG']].map(listaO)).toEqual(['', 'PDF', 'PDF o JPG', 'PDF, JPG o PNG']);
  });

  it.each([
    ['Aprobada', 'success'],
    ['Entregado', 'success'],
    ['Corrección', 'warning'],
    ['Rechazada', 'error'],
    ['Baja', 'error'],
    ['En proceso', 'info'],
    ['Borrador', 'default'],
  ])('a «%s» chip is %s (the platform vocabulary)', (estado, tone) => expect(estadoColor(estado)).toBe(tone));
});
