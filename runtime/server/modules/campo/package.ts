import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { callWindowStatus, type LoadedProgram } from '../../../../engine/index.ts';
import type { PaqueteDeCampo, VisitaDeCampo } from '../../../api/campo.ts';
import { FieldVisit, ProgramVersion, type FieldVisitRow, type OfficialRow } from '../../../db/entities.ts';
import { queretaroMunicipios } from '../../../definitions/municipios.ts';
import { programsInScope } from '../officials/index.ts';
import { programDetail } from '../programs/index.ts';
import { everyColoniaOf, localidadesOf } from '../territorio/index.ts';

/**
 * What the brigadista reads to each person before registering them, and what the record's
 * consent repeats. Versioned: a record keeps the text the person heard.
 */
export const CONSENT = {
  version: '2026-1',
  texto:
    'Tus datos personales (nombre, CURP, fecha de nacimiento, teléfono, domicilio, las respuestas de este formulario, ' +
    'las fotos de tus documentos y el punto donde se tomó el registro) los recaba el Gobierno del Estado para inscribirte ' +
    'en el programa que elegiste, revisar si cumples sus requisitos y, si te lo dan, entregarte el apoyo e integrarte al ' +
    'Padrón Estatal de Beneficiarios. No se usan para otra cosa ni se comparten sin tu permiso, salvo lo que la ley obliga. ' +
    'Puedes consultar, corregir o pedir que se borren tus datos en cualquier módulo de atención ciudadana. ' +
    '¿Aceptas que la brigada registre tus datos y envíe tu solicitud en tu nombre?',
} as const;

/** A brigade's work list is a day's or a week's visits: more than this is a planning mistake, not a list to carry. */
const MAX_VISITS = 1000;

export function visitView(v: FieldVisitRow): VisitaDeCampo {
  return { id: v.id, nombre: v.nombre, curp: v.curp ?? null, domicilio: v.domicilio ?? null, municipio: v.municipio, localidad: v.localidad ?? null, nota: v.nota ?? null, brigadista: v.brigadistaId, estado: v.estado };
}

/** The programs of the brigadista's area whose call is open now, each with its stored version (what the device's engine loads). */
async function openPrograms(app: FastifyInstance, em: EntityManager, area: string, now: Date): Promise<PaqueteDeCampo['programas']> {
  const inScope = await programsInScope(app, area);
  const loaded = (await Promise.all(inScope.map((p) => app.programs.get(em, p.id, p.currentVersion)))).filter((p): p is LoadedProgram => p !== null);
  const open = loaded.filter((p) => callWindowStatus(p, now) === 'abierta');
  if (open.length === 0) return [];
  const rows = await em.find(ProgramVersion, { $or: open.map((p) => ({ program: p.definition.id, version: p.definition.version })) });
  const stored = new Map(rows.map((r) => [`${r.program.id}@${r.version}`, r]));
  return open.map((p) => {
    const row = stored.get(`${p.definition.id}@${p.definition.version}`)!;
    return { detalle: programDetail(p, now), definicion: row.definition, reglas: row.ruleSets };
  });
}

/**
 * Everything the field app needs to work a day without a network (contract: PaqueteDeCampo). The
 * localidades and colonias are those of the municipios of the brigadista's visits and of the ones
 * the device asks for; the municipios' names are the state's (a few hundred bytes).
 */
export async function fieldPackage(app: FastifyInstance, em: EntityManager, official: OfficialRow, asked: readonly string[]): Promise<PaqueteDeCampo> {
  const now = app.clock();
  const visits = await em.find(FieldVisit, { brigadistaId: official.id, estado: 'pendiente' }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: MAX_VISITS });
  const municipios = [...new Set([...visits.map((v) => v.municipio), ...asked])].sort();
  const [programas, localidades, colonias] = await Promise.all([
    openPrograms(app, em, official.area, now),
    Promise.all(municipios.map(async (m) => [m, await localidadesOf(app.db.sql, m)] as const)),
    Promise.all(municipios.map(async (m) => [m, await everyColoniaOf(app.db.sql, m)] as const)),
  ]);
  return {
    generadoEn: now.toISOString(),
    brigadista: { id: official.id, nombre: official.nombre, usuario: official.usuario, area: official.area },
    programas,
    catalogos: { municipios: queretaroMunicipios().map(({ clave, nombre }) => ({ clave, nombre })), localidades: Object.fromEntries(localidades), colonias: Object.fromEntries(colonias) },
    visitas: visits.map(visitView),
    consentimiento: { version: CONSENT.version, texto: CONSENT.texto },
  };
}
