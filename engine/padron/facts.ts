/**
 * What eligibility rules may know about an applicant from the Padrón Estatal: the supports they
 * received from *other* programs (any agency), summarised as plain numbers and lists a planner can
 * compare in the rule builder («no recibir otro apoyo económico estatal este año»:
 * padron.economicosEsteAnio = 0). Pure: the runtime looks the supports up and passes them in with
 * the date; a definition's test table can state them for a case.
 */

/** One support as the runtime passes it (any program other than the one applied to). */
export interface PadronSupport {
  programa: string;
  dependencia: string;
  /** economico, especie or servicio (the catalog's type). */
  tipo: string;
  monto: number | null;
  /** yyyy-mm-dd; a support without a date counts as this year's and as recent. */
  fecha: string | null;
}

export interface PadronFacts {
  apoyos6Meses: number;
  apoyos12Meses: number;
  economicos12Meses: number;
  apoyosEsteAnio: number;
  economicosEsteAnio: number;
  especieEsteAnio: number;
  serviciosEsteAnio: number;
  montoEsteAnio: number;
  programas12Meses: string[];
  dependencias12Meses: string[];
}

/** The date `months` months before `today` (yyyy-mm-dd), clamped to the month's last day. */
function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const unique = (values: string[]) => [...new Set(values)].sort();

/** The facts of rules from the supports and today's date (yyyy-mm-dd, Mexico City). */
export function padronFacts(supports: readonly PadronSupport[], today: string): PadronFacts {
  const since = (months: number) => supports.filter((s) => s.fecha === null || (s.fecha > monthsBefore(today, months) && s.fecha <= today));
  const thisYear = supports.filter((s) => s.fecha === null || s.fecha.slice(0, 4) === today.slice(0, 4));
  const recent = since(12);
  return {
    apoyos6Meses: since(6).length,
    apoyos12Meses: recent.length,
    economicos12Meses: recent.filter((s) => s.tipo === 'economico').length,
    apoyosEsteAnio: thisYear.length,
    economicosEsteAnio: thisYear.filter((s) => s.tipo === 'economico').length,
    especieEsteAnio: thisYear.filter((s) => s.tipo === 'especie').length,
    serviciosEsteAnio: thisYear.filter((s) => s.tipo === 'servicio').length,
    montoEsteAnio: thisYear.reduce((sum, s) => sum + (s.monto ?? 0), 0),
    programas12Meses: unique(recent.map((s) => s.programa)),
    dependencias12Meses: unique(recent.map((s) => s.dependencia)),
  };
}

/** The padrón facts as rule variables, for the designer's rule builder. */
export const PADRON_FACT_VARS: ReadonlyArray<{ path: `padron.${keyof PadronFacts}`; label: string; kind: 'numero' | 'multiple' }> = Object.freeze([
  { path: 'padron.economicos12Meses', label: 'Apoyos económicos de otros programas en los últimos 12 meses (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.economicosEsteAnio', label: 'Apoyos económicos de otros programas este año (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.especieEsteAnio', label: 'Apoyos en especie de otros programas este año (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.serviciosEsteAnio', label: 'Servicios de otros programas este año (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.apoyosEsteAnio', label: 'Apoyos de otros programas este año (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.apoyos6Meses', label: 'Apoyos de otros programas en los últimos 6 meses (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.apoyos12Meses', label: 'Apoyos de otros programas en los últimos 12 meses (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.montoEsteAnio', label: 'Monto recibido de otros programas este año, en pesos (Padrón Estatal)', kind: 'numero' },
  { path: 'padron.programas12Meses', label: 'Programas (clave) de los que recibió apoyo en 12 meses (Padrón Estatal)', kind: 'multiple' },
  { path: 'padron.dependencias12Meses', label: 'Dependencias de las que recibió apoyo en 12 meses (Padrón Estatal)', kind: 'multiple' },
]);

const readsPadron = new WeakMap<object, boolean>();

/** Whether any eligibility rule or rule-set fact of a loaded program reads padron.* (otherwise no look-up is needed). */
export function rulesReadPadron(program: { definition: { eligibility?: unknown }; ruleSets: readonly unknown[] }): boolean {
  let known = readsPadron.get(program);
  if (known === undefined) {
    known = /"var":\s*"padron\./.test(JSON.stringify([program.definition.eligibility ?? [], program.ruleSets]));
    readsPadron.set(program, known);
  }
  return known;
}
