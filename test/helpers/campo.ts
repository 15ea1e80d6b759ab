/**
 * Field records as the field app sends them (POST /api/campo/registros): the «registro» JSON and
 * the document photos in one multipart body, for `app.inject`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A program of the subsecretaría (Tarjeta Contigo), open on its test case'''s date. */
export const FIELD_PROGRAM = 'tarjeta-contigo';
const definition = JSON.parse(readFileSync(new URL(`../../definitions/programs/${FIELD_PROGRAM}/program.json`, import.meta.url), 'utf8'));
export const FIELD_BASE = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };
/** The answers of the program's own test case, with the localidad's INEGI clave (San Juan del Río). */
export const FIELD_ANSWERS: Record<string, any> = { ...FIELD_BASE.answers, domicilio: { ...FIELD_BASE.answers.domicilio, cve_localidad: '220160001' } };
/** The photos these answers require (an urban home also needs its comprobante de domicilio). */
export const REQUIRED_PHOTOS = ['identificacion-oficial', 'curp', 'comprobante-domicilio'];

/** A small "photo": JPEG's signature (what the server sniffs) and random bytes, different every time. */
export function photo(bytes = 4096): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), randomBytes(bytes), Buffer.from([0xff, 0xd9])]);
}

export interface FieldPerson {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido?: string | null;
  fechaNacimiento: string;
  sexo: 'H' | 'M' | 'X';
  telefono: string;
}

/** The person a CURP of test/helpers/actors.ts describes (born 19yy-mm-dd, its sex), with the given names. */
export function personFor(curp: string, names: Partial<FieldPerson> = {}): FieldPerson {
  return { curp, nombres: 'Laura', primerApellido: 'Pérez', segundoApellido: 'Gómez', fechaNacimiento: `19${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`, sexo: curp[10] as 'H' | 'M', telefono: '4421234567', ...names };
}

export function fieldRecord(person: FieldPerson, extra: Record<string, unknown> = {}) {
  const capturadoEn = '2026-11-12T10:05:00-06:00';
  return {
    idCliente: randomUUID(),
    programa: FIELD_PROGRAM,
    version: 1,
    persona: person,
    respuestas: FIELD_ANSWERS,
    tipoApoyo: null,
    ubicacion: { lat: 20.38871, lng: -99.99634, precision: 12, capturadaEn: capturadoEn },
    consentimiento: { aceptado: true, texto: 'Aviso de privacidad leído a la persona.', capturadoEn },
    capturadoEn,
    visita: null,
    ...extra,
  };
}

export interface Part {
  name: string;
  content: Buffer | string;
  filename?: string;
  type?: string;
}

/** A multipart body of these parts (a part with a filename is a file); `cutAt` keeps only that many bytes, as a dropped connection would. */
export function multipartOf(parts: Part[], cutAt?: number) {
  const boundary = `----campo${randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'image/jpeg'}` : ''}\r\n\r\n`),
    Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
    Buffer.from('\r\n'),
  ]);
  const payload = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  return { payload: cutAt === undefined ? payload : payload.subarray(0, cutAt), headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A record with its photos, as the field app sends it. */
export function recordParts(record: unknown, photos: Record<string, Buffer> = Object.fromEntries(REQUIRED_PHOTOS.map((t) => [t, photo()]))): Part[] {
  return [{ name: 'registro', content: JSON.stringify(record) }, ...Object.entries(photos).map(([tipo, content]) => ({ name: `documento:${tipo}`, content, filename: `${tipo}.jpg` }))];
}
