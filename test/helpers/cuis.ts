/**
 * Filling the CUIS steps (Domicilio, Hogar, Vivienda, Servicios, Alimentación, Ingreso) as a person
 * does, for the browser tests: each answer typed key by key or picked by its visible text. Every
 * field is optional, so a test can fill part of a step, look at what the page says, and go on.
 */
import type { Page } from 'playwright-core';
import { label } from './browser.ts';
import { pickOption, pickRadio, retype } from './as-a-person.ts';

type YesNo = 'Sí' | 'No';

export interface Domicilio {
  municipio: string;
  tipoLocalidad: string;
  localidad: string;
  colonia: string;
  codigoPostal: string;
  calle: string;
  numeroExterior: string;
}

/** The answers about one member of the household, after their name, relationship, sex and age. */
export interface Integrante {
  lenguaIndigena: YesNo;
  leeYEscribe: YesNo;
  asisteEscuela: YesNo;
  nivelEscolar: string;
  serviciosMedicos: string;
  trabajo: YesNo;
  jubilada: YesNo;
  pensionBienestar: YesNo;
  dificultad: string;
}

export interface Vivienda {
  cuartosDormir: string;
  cuartosTotal: string;
  piso: string;
  techo: string;
  paredes: string;
  tenencia: string;
}

export interface Servicios {
  agua: string;
  drenaje: string;
  luz: YesNo;
  combustible: string;
}

/** The seven food-security questions, in the order the step asks them. */
export interface Alimentacion {
  pocaVariedad: YesNo;
  dejoDeComer: YesNo;
  comioMenos: YesNo;
  sinComida: YesNo;
  hambre: YesNo;
  unaVezAlDia: YesNo;
  menores: YesNo;
}

export interface Ingreso {
  mensual: string;
  perdioEmpleo: YesNo;
  familiaresEnOtroPais: YesNo;
}

async function typeIfGiven(page: Page, question: string, value: string | undefined): Promise<void> {
  if (value !== undefined) await retype(page.getByLabel(label(question)), value);
}
async function pickIfGiven(page: Page, question: string, value: string | undefined): Promise<void> {
  if (value !== undefined) await pickOption(page, question, value);
}
async function radioIfGiven(page: Page, question: string | RegExp, value: string | undefined): Promise<void> {
  if (value !== undefined) await pickRadio(page, question, value);
}

export async function fillDomicilio(page: Page, d: Partial<Domicilio>): Promise<void> {
  await pickIfGiven(page, 'Municipio', d.municipio);
  await pickIfGiven(page, 'Tipo de localidad', d.tipoLocalidad);
  await typeIfGiven(page, 'Localidad', d.localidad);
  await typeIfGiven(page, 'Colonia o asentamiento', d.colonia);
  await typeIfGiven(page, 'Código postal', d.codigoPostal);
  await typeIfGiven(page, 'Calle', d.calle);
  await typeIfGiven(page, 'Número exterior', d.numeroExterior);
}

export async function fillIntegrante(page: Page, m: Partial<Integrante>): Promise<void> {
  await radioIfGiven(page, '¿Habla alguna lengua indígena?', m.lenguaIndigena);
  await radioIfGiven(page, '¿Sabe leer y escribir un recado?', m.leeYEscribe);
  await radioIfGiven(page, '¿Asiste actualmente a la escuela?', m.asisteEscuela);
  await pickIfGiven(page, 'Último nivel escolar aprobado', m.nivelEscolar);
  await pickIfGiven(page, '¿Dónde tiene derecho a recibir servicios médicos?', m.serviciosMedicos);
  await radioIfGiven(page, '¿Trabajó el mes pasado?', m.trabajo);
  await radioIfGiven(page, '¿Es jubilada(o) o pensionada(o)?', m.jubilada);
  await radioIfGiven(page, '¿Recibe la Pensión para el Bienestar de las Personas Adultas Mayores?', m.pensionBienestar);
  await pickIfGiven(page, '¿Tiene alguna dificultad permanente para…?', m.dificultad);
}

export async function fillVivienda(page: Page, v: Partial<Vivienda>): Promise<void> {
  await typeIfGiven(page, '¿Cuántos cuartos se usan para dormir?', v.cuartosDormir);
  await typeIfGiven(page, '¿Cuántos cuartos tiene la vivienda en total?', v.cuartosTotal);
  await pickIfGiven(page, '¿De qué material es la mayor parte del piso?', v.piso);
  await pickIfGiven(page, '¿De qué material es la mayor parte del techo?', v.techo);
  await pickIfGiven(page, '¿De qué material es la mayor parte de las paredes?', v.paredes);
  await pickIfGiven(page, 'La vivienda es…', v.tenencia);
}

export async function fillServicios(page: Page, s: Partial<Servicios>): Promise<void> {
  await pickIfGiven(page, '¿Cómo obtienen el agua?', s.agua);
  await pickIfGiven(page, 'La vivienda tiene drenaje o desagüe conectado a…', s.drenaje);
  await radioIfGiven(page, '¿La vivienda tiene luz eléctrica?', s.luz);
  await pickIfGiven(page, '¿Qué combustible usan principalmente para cocinar?', s.combustible);
}

export async function fillAlimentacion(page: Page, a: Partial<Alimentacion>): Promise<void> {
  await radioIfGiven(page, /poca variedad de alimentos/, a.pocaVariedad);
  await radioIfGiven(page, /dejó de desayunar, comer o cenar/, a.dejoDeComer);
  await radioIfGiven(page, /comió menos de lo que piensa/, a.comioMenos);
  await radioIfGiven(page, /Se quedaron sin comida/, a.sinComida);
  await radioIfGiven(page, /sintió hambre pero no comió/, a.hambre);
  await radioIfGiven(page, /una vez al día o dejó de comer todo un día/, a.unaVezAlDia);
  await radioIfGiven(page, /menores de 18 años/, a.menores);
}

export async function fillIngreso(page: Page, i: Partial<Ingreso>): Promise<void> {
  await typeIfGiven(page, 'Ingreso mensual del hogar (pesos)', i.mensual);
  await radioIfGiven(page, /perdió su empleo o su fuente de ingresos/, i.perdioEmpleo);
  await radioIfGiven(page, /familiares que viven en otro país/, i.familiaresEnOtroPais);
}

/** A household with common answers: a home of cement and sheet metal, water in the yard, gas for cooking. */
export const TYPICAL = {
  vivienda: {
    piso: 'Cemento o firme',
    techo: 'Lámina metálica',
    paredes: 'Tabique, ladrillo, block, piedra, cantera, cemento o concreto',
    tenencia: 'Propia y totalmente pagada',
  },
  servicios: {
    agua: 'Agua entubada fuera de la vivienda, dentro del terreno',
    drenaje: 'La red pública',
    luz: 'Sí',
    combustible: 'Gas LP o gas natural',
  },
  alimentacionSinCarencia: { pocaVariedad: 'No', dejoDeComer: 'No', comioMenos: 'No', sinComida: 'No', hambre: 'No', unaVezAlDia: 'No', menores: 'No' },
} as const satisfies { vivienda: Partial<Vivienda>; servicios: Servicios; alimentacionSinCarencia: Alimentacion };
