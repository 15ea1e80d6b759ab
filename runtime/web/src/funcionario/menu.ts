import { puedeAbrir } from './api.ts';
import type { Funcionario } from '../session.tsx';

export interface MenuItem {
  to: string;
  label: string;
  descripcion: string;
}

/** The officials' menu, by role (the header's navigation and the start page's cards). */
export function menuFuncionario(funcionario: Funcionario): MenuItem[] {
  const items: MenuItem[] = [];
  if (puedeAbrir(funcionario, 'solicitudes'))
    items.push({ to: '/funcionario/solicitudes', label: 'Solicitudes', descripcion: 'Revisa, corrige, aprueba o rechaza las solicitudes de tu área y descarga reportes.' });
  if (puedeAbrir(funcionario, 'entregar')) items.push({ to: '/funcionario/entregar', label: 'Entregar', descripcion: 'Escanea o escribe el código QR de la persona beneficiaria y registra la entrega.' });
  if (puedeAbrir(funcionario, 'tablero')) items.push({ to: '/funcionario/tablero', label: 'Tablero', descripcion: 'Solicitudes por programa y estado, beneficiarios por municipio y la cobertura del padrón por localidad y colonia.' });
  if (puedeAbrir(funcionario, 'consulta'))
    items.push({ to: '/funcionario/consulta', label: 'Consulta ciudadana', descripcion: 'Busca a una persona por su CURP; cambia su teléfono o correo, o restablece su contraseña.' });
  if (puedeAbrir(funcionario, 'ventanilla')) items.push({ to: '/funcionario/ventanilla', label: 'Ventanilla', descripcion: 'Registra a una persona y captura su solicitud en su nombre.' });
  if (puedeAbrir(funcionario, 'padron'))
    items.push({ to: '/funcionario/padron', label: 'Padrón', descripcion: 'Sube los padrones de tu dependencia, revisa sus errores, cárgalos y consulta la confronta entre programas.' });
  if (puedeAbrir(funcionario, 'duplicados'))
    items.push({ to: '/funcionario/padron/duplicados', label: 'Posibles duplicados', descripcion: 'Decide si dos registros del Padrón Estatal son la misma persona: fusiónalos, sepáralos o márcalos como distintos.' });
  if (puedeAbrir(funcionario, 'limpieza'))
    items.push({ to: '/funcionario/limpieza', label: 'Limpieza de ubicaciones', descripcion: 'Propone la colonia del catálogo para cada domicilio del padrón escrito a mano; acepta o rechaza en bloque.' });
  if (puedeAbrir(funcionario, 'catalogos')) items.push({ to: '/funcionario/catalogos', label: 'Catálogos', descripcion: 'Importa el catálogo de códigos postales (SEPOMEX) y el de localidades (INEGI); revisa qué cambia antes de aplicarlo.' });
  // The field app is a build of its own (campo/): the link leaves this app (main.tsx sends /campo to the server).
  if (puedeAbrir(funcionario, 'campo'))
    items.push({ to: '/campo', label: 'Aplicación de campo', descripcion: 'Descarga los programas y tu lista de visitas, registra personas sin señal y envía sus solicitudes cuando vuelva la red.' });
  if (puedeAbrir(funcionario, 'brigadas'))
    items.push({ to: '/funcionario/brigadas', label: 'Brigadas', descripcion: 'El avance de las brigadas de campo de tu área por día, localidad y en el mapa; reasigna sus visitas.' });
  if (puedeAbrir(funcionario, 'funcionarios')) items.push({ to: '/funcionario/funcionarios', label: 'Funcionarios', descripcion: 'Da de alta funcionarios, asígnales roles y área, o desactívalos.' });
  return items;
}
