/** An official's account as the administrator edits it: its fields, the checks before saving, and the requests. */
import type { Area, CambioFuncionario, FuncionarioAdmin, NuevoFuncionario } from '../api.ts';

export type Form = { usuario: string; nombre: string; correo: string; roles: string[]; area: string; estatus: 'activo' | 'inactivo'; contrasena: string };
export type Errors = Partial<Record<keyof Form, string>>;
export type RolOpcion = { id: string; nombre: string; descripcion: string };

export const TIPO_AREA: Record<string, string> = { dependencia: 'Dependencia', subsecretaria: 'Subsecretaría', direccion: 'Dirección' };

/** The area tree in order, each with its depth (for the indented select). */
export function arbol(areas: Area[]): Array<Area & { nivel: number }> {
  const out: Array<Area & { nivel: number }> = [];
  const ids = new Set(areas.map((a) => a.id));
  const visit = (padre: string | null, nivel: number) => {
    for (const a of areas.filter((x) => (x.padreId ?? null) === padre || (padre === null && x.padreId && !ids.has(x.padreId))).sort((x, y) => x.nombre.localeCompare(y.nombre, 'es'))) {
      if (out.some((o) => o.id === a.id)) continue;
      out.push({ ...a, nivel });
      visit(a.id, nivel + 1);
    }
  };
  visit(null, 0);
  return out;
}

export function formularioDe(editando: FuncionarioAdmin | null): Form {
  if (!editando) return { usuario: '', nombre: '', correo: '', roles: [], area: '', estatus: 'activo', contrasena: '' };
  const estatus = editando.estatus.toLowerCase() === 'inactivo' ? 'inactivo' : 'activo';
  return { usuario: editando.usuario, nombre: editando.nombre, correo: editando.correo ?? '', roles: editando.roles, area: editando.area, estatus, contrasena: '' };
}

/** What is missing or wrong before saving; a new official needs a user name and an initial password. */
export function revisar(f: Form, nuevo: boolean): Errors {
  const e: Errors = {};
  if (nuevo && !/^[a-z0-9._-]{3,50}$/i.test(f.usuario.trim())) e.usuario = 'De 3 a 50 letras, números, punto, guion o guion bajo, sin espacios.';
  if (!f.nombre.trim()) e.nombre = 'Escribe el nombre completo.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.correo.trim())) e.correo = 'Escribe un correo válido, p. ej. nombre@queretaro.gob.mx.';
  if (f.roles.length === 0) e.roles = 'Elige al menos un rol.';
  if (!f.area) e.area = 'Elige el área.';
  if (nuevo && !f.contrasena) e.contrasena = 'Escribe una contraseña inicial.';
  // The server's length rule for officials; it also refuses common or easy passwords.
  if (f.contrasena && [...f.contrasena.trim().replace(/\s+/gu, ' ')].length < 12) e.contrasena = 'Usa al menos 12 caracteres (los espacios repetidos cuentan como uno).';
  return e;
}

/** The id of the control to focus for a field's error. */
export const focoDe = (campo: keyof Form): string => (campo === 'roles' ? 'rol-0' : campo === 'area' ? 'area' : `f-${campo}`);

export function cambio(f: Form): CambioFuncionario {
  return { nombre: f.nombre.trim(), correo: f.correo.trim(), roles: f.roles, area: f.area, estatus: f.estatus, ...(f.contrasena ? { contrasena: f.contrasena } : {}) };
}

export function alta(f: Form): NuevoFuncionario {
  return { usuario: f.usuario.trim(), nombre: f.nombre.trim(), correo: f.correo.trim(), roles: f.roles, area: f.area, contrasena: f.contrasena };
}
