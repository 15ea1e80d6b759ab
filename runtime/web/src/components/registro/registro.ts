/**
 * The sign-up's data, shared by the citizen's «Crear cuenta» and the official's Ventanilla: what is
 * typed, the birth date and sex the CURP fills in, the checks before sending (in the words of each
 * audience), the payload, and the server's refusals placed on their fields.
 */
import { validateCurp } from '../../../../../engine/curp.ts';
import { ApiError, type Registro } from '../../api.ts';

export interface DatosRegistro {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string;
  fechaNacimiento: string;
  sexo: string;
  telefono: string;
  correo: string;
  contrasena: string;
  confirmacion: string;
}
export type Campo = keyof DatosRegistro;
export type Errores = Partial<Record<Campo, string>>;

/** What each audience reads: the citizen is addressed as tú, the official about «la persona». */
export interface Textos {
  curpVacia: string;
  nombres: string;
  primerApellido: string;
  fechaVacia: string;
  telefonoVacio: string;
  correo: string;
  /** Null when the password is optional (at a ventanilla the person may set it later). */
  contrasenaVacia: string | null;
  labels: Record<Campo, string>;
}

const LABELS_BASE = {
  curp: 'CURP',
  nombres: 'Nombre(s)',
  primerApellido: 'Primer apellido',
  segundoApellido: 'Segundo apellido',
  fechaNacimiento: 'Fecha de nacimiento',
  sexo: 'Sexo',
  telefono: 'Teléfono celular',
  correo: 'Correo electrónico',
  contrasena: 'Contraseña',
};

export const PARA_CIUDADANO: Textos = {
  curpVacia: 'Escribe tu CURP.',
  nombres: 'Escribe tu nombre o nombres.',
  primerApellido: 'Escribe tu primer apellido.',
  fechaVacia: 'Escribe tu fecha de nacimiento.',
  telefonoVacio: 'Escribe tu número de celular.',
  correo: 'El correo no parece válido; revisa que tenga @ y un dominio, p. ej. nombre@correo.com.',
  contrasenaVacia: 'Escribe una contraseña.',
  labels: { ...LABELS_BASE, confirmacion: 'Confirma tu contraseña' },
};

export const PARA_VENTANILLA: Textos = {
  curpVacia: 'Escribe la CURP.',
  nombres: 'Escribe el nombre o nombres.',
  primerApellido: 'Escribe el primer apellido.',
  fechaVacia: 'Escribe la fecha de nacimiento.',
  telefonoVacio: 'Escribe el número de celular.',
  correo: 'El correo no parece válido; revisa que tenga @ y un dominio.',
  contrasenaVacia: null,
  labels: { ...LABELS_BASE, confirmacion: 'Confirma la contraseña' },
};

/** An empty sign-up, or one started from a CURP: its birth date and sex are written in it. */
export function registroVacio(curp = ''): DatosRegistro {
  const r = validateCurp(curp);
  const fechaNacimiento = r.valid ? r.info.birthDate : '';
  const sexo = r.valid ? r.info.sex : '';
  return { curp, nombres: '', primerApellido: '', segundoApellido: '', fechaNacimiento, sexo, telefono: '', correo: '', contrasena: '', confirmacion: '' };
}

/** One field changed; a valid CURP fills the birth date and sex still empty (they can still be edited). */
export function conCambio(old: DatosRegistro, campo: Campo, valor: string): DatosRegistro {
  const next = { ...old, [campo]: valor };
  if (campo !== 'curp') return next;
  const r = validateCurp(valor);
  if (r.valid) {
    if (!old.fechaNacimiento) next.fechaNacimiento = r.info.birthDate;
    if (!old.sexo) next.sexo = r.info.sex;
  }
  return next;
}

/** Whether an ISO date exists (no 31 de febrero). */
export function realDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The server's length rule (≥ 10 characters, runs of spaces counting once), checked before
 * sending; the server also refuses common, leaked or easy passwords and has the last word.
 */
export function passwordProblem(password: string): string | null {
  if ([...password.trim().replace(/\s+/gu, ' ')].length >= 10) return null;
  return 'Usa al menos 10 caracteres (los espacios repetidos cuentan como uno).';
}

function checkPassword(f: DatosRegistro, t: Textos, e: Errores): void {
  if (!f.contrasena) {
    if (t.contrasenaVacia) e.contrasena = t.contrasenaVacia;
    return;
  }
  const problem = passwordProblem(f.contrasena);
  if (problem) e.contrasena = problem;
  if (f.confirmacion !== f.contrasena) e.confirmacion = 'Las contraseñas no coinciden.';
}

/** What is missing or wrong before sending, field by field. */
export function revisarRegistro(f: DatosRegistro, t: Textos): Errores {
  const e: Errores = {};
  const curp = validateCurp(f.curp);
  if (!f.curp.trim()) e.curp = t.curpVacia;
  else if (!curp.valid) e.curp = curp.errors.map((x) => x.message).join(' ');
  if (!f.nombres.trim()) e.nombres = t.nombres;
  if (!f.primerApellido.trim()) e.primerApellido = t.primerApellido;
  if (!f.fechaNacimiento) e.fechaNacimiento = t.fechaVacia;
  else if (!realDate(f.fechaNacimiento)) e.fechaNacimiento = 'Escribe la fecha completa y que exista: día, mes y año (4 dígitos).';
  if (!f.sexo) e.sexo = 'Elige una opción.';
  const tel = f.telefono.replace(/\D/g, '');
  if (!tel) e.telefono = t.telefonoVacio;
  else if (tel.length !== 10) e.telefono = `El teléfono debe tener 10 dígitos; tiene ${tel.length}.`;
  if (f.correo.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.correo.trim())) e.correo = t.correo;
  checkPassword(f, t, e);
  return e;
}

/** The request body: names trimmed, the phone's digits, empty optional fields left out. */
export function aRegistro(f: DatosRegistro): Omit<Registro, 'contrasena'> & { contrasena?: string } {
  return {
    curp: validateCurp(f.curp).curp,
    nombres: f.nombres.trim(),
    primerApellido: f.primerApellido.trim(),
    ...(f.segundoApellido.trim() ? { segundoApellido: f.segundoApellido.trim() } : {}),
    fechaNacimiento: f.fechaNacimiento,
    sexo: f.sexo as Registro['sexo'],
    telefono: f.telefono.replace(/\D/g, ''),
    ...(f.correo.trim() ? { correo: f.correo.trim() } : {}),
    ...(f.contrasena ? { contrasena: f.contrasena } : {}),
  };
}

/** The server's refusal on the fields it names; `null` when it names none (the page says it whole). */
export function erroresDelServidor(error: ApiError, labels: Record<Campo, string>): Errores | null {
  const se: Errores = {};
  const isField = (c: string): c is Campo => c in labels;
  if (error.code === 'CURP_INVALID') {
    const list = (error.details as { errors?: Array<{ message: string }> } | undefined)?.errors;
    se.curp = list?.length ? list.map((x) => x.message).join(' ') : error.message;
  } else if (error.code === 'CURP_MISMATCH' || error.code === 'CIVIL_REGISTRY_MISMATCH') {
    // details.campos names the fields that differ; the message says how.
    const campos = ((error.details as { campos?: string[] } | undefined)?.campos ?? []).filter(isField);
    if (campos.length === 0) se.curp = error.message;
    else campos.forEach((c, i) => (se[c] = i === 0 ? error.message : 'No coincide; revisa este dato.'));
  } else if (error.code === 'WEAK_PASSWORD') se.contrasena = error.message;
  else {
    for (const fe of error.fieldErrors) {
      const key = fe.path.split('.').pop() ?? '';
      if (isField(key)) se[key] = fe.message;
    }
  }
  return Object.keys(se).length > 0 ? se : null;
}
