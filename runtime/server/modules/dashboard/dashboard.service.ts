import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import type { OfficialContext } from '../queue/index.ts';
import { municipioName, queretaroMunicipios } from '../../../definitions/municipios.ts';
import { registryTotals } from '../padron/index.ts';
import { COUNTS, type CountRow } from './counts.ts';

/** Applications that made it into the padrón (support delivered). */
const BENEFICIARY_STATUS = 'Entregado';

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function byMunicipio(rows: CountRow[]) {
  const municipios = new Map(queretaroMunicipios().map((m) => [m.clave, { municipio: m.clave, nombre: m.nombre, solicitudes: 0, beneficiarios: 0 }]));
  for (const row of rows) {
    if (!row.municipio) continue;
    let entry = municipios.get(row.municipio);
    if (!entry) {
      entry = { municipio: row.municipio, nombre: municipioName(row.municipio), solicitudes: 0, beneficiarios: 0 };
      municipios.set(row.municipio, entry);
    }
    entry.solicitudes += row.n;
    if (row.status === BENEFICIARY_STATUS) entry.beneficiarios += row.n;
  }
  return [...municipios.values()].sort((a, b) => a.municipio.localeCompare(b.municipio));
}

/**
 * "Tablero": submitted applications by program, by status and by municipio (every municipio of
 * Querétaro, with zeros, for the map), with the beneficiaries. A program outside the official's
 * scope does not exist for them. The counts are kept as the applications change (counts.ts), so
 * a read costs the same with ten applications or ten million.
 */
export async function dashboard(app: FastifyInstance, ctx: OfficialContext, programa?: string) {
  if (programa && !ctx.programs.has(programa)) throw new AppError('PROGRAM_NOT_FOUND');
  const programs = programa ? [ctx.programs.get(programa)!] : [...ctx.programs.values()];
  const rows = (await app.db.sql.query<CountRow>(COUNTS, [programs.map((p) => p.id)])).rows;
  const perProgram = new Map<string, number>();
  const perStatus = new Map<string, number>();
  for (const row of rows) {
    add(perProgram, row.program_id, row.n);
    add(perStatus, row.status, row.n);
  }
  return {
    porPrograma: programs.map((p) => ({ programa: p.id, nombre: p.name, total: perProgram.get(p.id) ?? 0 })),
    porEstado: [...perStatus].map(([estado, total]) => ({ estado, total })).sort((a, b) => b.total - a.total || a.estado.localeCompare(b.estado)),
    porMunicipio: byMunicipio(rows),
    padron: await registryTotals(app.db.sql, programs.map((p) => p.id)),
  };
}
