import { acceso } from './api.ts';

export interface MenuItem {
  to: string;
  label: string;
  descripcion: string;
}

/** The officials' menu, by role (the header's navigation and the start page's cards). */
export function menuFuncionario(roles: readonly string[]): MenuItem[] {
  const items: MenuItem[] = [];
  if (acceso.solicitudes(roles))
    items.push({ to: '/funcionario/solicitudes', label: 'Solicitudes', descripcion: 'Revisa, corrige, aprueba o rechaza las solicitudes de tu área y descarga reportes.' });
  if (acceso.entregar(roles)) items.push({ to: '/funcionario/entregar', label: 'Entregar', descripcion: 'Escanea o escribe el código QR de la persona beneficiaria y registra la entrega.' });
  if (acceso.tablero(roles)) items.push({ to: '/funcionario/tablero', label: 'Tablero', descripcion: 'Solicitudes por programa y estado, y beneficiarios por municipio.' });
  if (acceso.consulta(roles))
    items.push({ to: '/funcionario/consulta', label: 'Consulta ciudadana', descripcion: 'Busca a una persona por su CURP; cambia su teléfono o correo, o restablece su contraseña.' });
  if (acceso.ventanilla(roles)) items.push({ to: '/funcionario/ventanilla', label: 'Ventanilla', descripcion: 'Registra a una persona y captura su solicitud en su nombre.' });
  if (acceso.funcionarios(roles)) items.push({ to: '/funcionario/funcionarios', label: 'Funcionarios', descripcion: 'Da de alta funcionarios, asígnales roles y área, o desactívalos.' });
  return items;
}
