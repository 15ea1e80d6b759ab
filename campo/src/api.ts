/** The few calls the field app makes online besides the sync (sync.ts): signing in and the package. */
import type { SesionFuncionario } from '../../runtime/api/accounts.ts';
import type { Funcionario } from '../../runtime/api/admin.ts';
import { ApiError, request } from '../../runtime/web/src/api.ts';
import type { Paquete } from './paquete.ts';

export type { Funcionario };

export const campoApi = {
  iniciarSesion: (usuario: string, contrasena: string) => request<SesionFuncionario>('POST', '/funcionarios/sesion', { usuario, contrasena }),
  yo: () => request<Funcionario>('GET', '/funcionario/yo'),
  /** The package of the signed-in brigadista; the server refuses it (403) to anyone without the role. */
  paquete: () => request<Paquete>('GET', '/campo/paquete'),
};

/** A refusal of the package for lack of the role, in the brigadista's words. */
export function mensajeDePaquete(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return 'Tu cuenta no tiene el rol de brigadista. Pide a tu coordinación que te lo asigne.';
  if (error instanceof ApiError) return error.message;
  return 'No pudimos descargar el paquete de trabajo. Intenta de nuevo.';
}
