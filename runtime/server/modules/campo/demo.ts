import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FieldVisit, Official } from '../../../db/entities.ts';

/** Households of Amealco (INEGI claves) for the demo brigadista's work list: invented people, real places. */
const DEMO_VISITS = [
  { nombre: 'Familia Hernández Ugalde', domicilio: 'Calle Hidalgo 14', localidad: '220010039', nota: 'Preguntar por la señora Juana; trabaja por las tardes.' },
  { nombre: 'Familia Martínez Pérez', domicilio: 'Camino a la escuela, casa azul', localidad: '220010039', nota: null },
  { nombre: 'Rosa Santiago García', domicilio: 'Barrio 5to., junto a la capilla', localidad: '220010029', nota: 'Adulta mayor; necesita su acta de nacimiento.' },
  { nombre: 'Familia Cruz Mendoza', domicilio: 'Domicilio conocido', localidad: '220010040', nota: null },
  { nombre: 'Familia Olvera Reséndiz', domicilio: 'Calle Morelos s/n', localidad: '220010025', nota: null },
];

/**
 * The demo brigadista's work list, on a demo database where they have none yet (SIPROS_DEMO only:
 * runtime/server/demo.ts is refused in production). Returns how many visits were made.
 */
export async function seedDemoVisits(app: FastifyInstance, brigadistaUsuario: string, supervisorUsuario: string): Promise<number> {
  const em = app.db.orm.em.fork();
  const [brigadista, supervisor] = await Promise.all([em.findOne(Official, { usuario: brigadistaUsuario }), em.findOne(Official, { usuario: supervisorUsuario })]);
  if (!brigadista || !supervisor || (await em.count(FieldVisit, { brigadistaId: brigadista.id })) > 0) return 0;
  const now = app.clock();
  for (const visit of DEMO_VISITS) {
    em.create(FieldVisit, { id: randomUUID(), brigadistaId: brigadista.id, ...visit, curp: null, municipio: visit.localidad.slice(0, 5), estado: 'pendiente', creadaPor: supervisor.id, createdAt: now, updatedAt: now, visitadaAt: null });
  }
  await em.flush();
  return DEMO_VISITS.length;
}
