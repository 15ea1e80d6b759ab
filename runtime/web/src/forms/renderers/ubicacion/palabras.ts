/**
 * What a person reads while giving the point of an address: whose point it is, why the phone gave none, and
 * what became of its reading. Pure.
 */
import { dentro, puntoEnTexto, redondear, type Limites, type Punto } from './punto.ts';

/** Beyond this many metres a phone's reading is a guess (from the network, not the sky): the map can do better. */
const APROXIMADA_M = 500;

/**
 * Whose point it is, in the words the person reads: her home (the CUIS address) or an address a program
 * asks as a question (the same block as «Domicilio del negocio»). The sentences take the noun as it is,
 * so each one reads right for both.
 */
export interface Lugar {
  /** «tu casa», «el domicilio». */
  nombre: string;
  /** The same at the start of a sentence. */
  Nombre: string;
  /** The folded section's button, before a point is kept. */
  agregar: string;
  /** The same once a point is kept. */
  titulo: string;
  /** The button that opens the map. */
  marcar: string;
  /** «tu municipio», «el municipio» (of that address). */
  municipio: string;
  /** The map's heading. */
  mapa: string;
}

export const CASA: Lugar = {
  nombre: 'tu casa',
  Nombre: 'Tu casa',
  agregar: 'Agregar la ubicación de mi casa (opcional)',
  titulo: 'Ubicación de mi casa (opcional)',
  marcar: 'Marcar mi casa en el mapa',
  municipio: 'tu municipio',
  mapa: 'En el mapa de tu municipio',
};
export const DOMICILIO: Lugar = {
  nombre: 'el domicilio',
  Nombre: 'El domicilio',
  agregar: 'Agregar la ubicación del domicilio (opcional)',
  titulo: 'Ubicación del domicilio (opcional)',
  marcar: 'Marcar el domicilio en el mapa',
  municipio: 'el municipio',
  mapa: 'En el mapa del municipio',
};

// GeolocationPositionError's codes (the constants live on the error object, not in every test runtime).
const PERMISO_NEGADO = 1;
const NO_DISPONIBLE = 2;
const TIEMPO_AGOTADO = 3;

/** What to tell a person whose phone did not give her location, and what she can do instead. */
export function mensajeDeUbicacion(code: number | 'sin-soporte', lugar: Lugar = CASA): string {
  const enElMapa = `${lugar.nombre} en el mapa`;
  switch (code) {
    case 'sin-soporte':
      return `Este navegador no puede dar tu ubicación. Puedes marcar ${enElMapa}.`;
    case PERMISO_NEGADO:
      return `No se dio permiso para usar tu ubicación, así que no la guardamos. Puedes marcar ${enElMapa}, o permitir la ubicación para esta página en la configuración de tu navegador y volver a intentarlo.`;
    case NO_DISPONIBLE:
      return `Tu teléfono no pudo saber dónde estás. Revisa que la ubicación esté encendida y vuelve a intentarlo, o marca ${enElMapa}.`;
    case TIEMPO_AGOTADO:
      return `Tu teléfono tardó demasiado en encontrar tu ubicación. Vuelve a intentarlo (cerca de una ventana ayuda) o marca ${enElMapa}.`;
    default:
      return `No pudimos obtener tu ubicación. Vuelve a intentarlo, o marca ${enElMapa}.`;
  }
}

/**
 * The phone's reading as the answers' point and what to tell the person, or why it is not kept: outside
 * the box the form accepts (she is not in the state, or the phone guessed badly), or too vague to be a home.
 */
export function puntoDelTelefono(coords: { latitude: number; longitude: number; accuracy: number }, limites: Limites, lugar: Lugar = CASA): { punto: Punto; aviso: string } | { rechazo: string } {
  const punto = { latitud: redondear(coords.latitude), longitud: redondear(coords.longitude), precision: Math.max(0, Math.round(coords.accuracy)) };
  if (!dentro(punto, limites)) {
    return { rechazo: `Tu teléfono dice que estás en ${puntoEnTexto({ latitud: punto.latitud, longitud: punto.longitud })}, fuera de la zona que atiende este formulario; no la guardamos. Si no estás en ${lugar.nombre}, usa el mapa.` };
  }
  if (punto.precision > limites.precision) return { rechazo: `Tu teléfono solo sabe tu ubicación con un margen de ${kilometros(punto.precision)}; no la guardamos. Marca ${lugar.nombre} en el mapa.` };
  const aviso =
    punto.precision > APROXIMADA_M
      ? `Guardamos la ubicación de tu teléfono, pero es aproximada (puede errar unos ${kilometros(punto.precision)}): revísala en el mapa y mueve el punto a ${lugar.nombre}.`
      : `Listo: guardamos la ubicación de tu teléfono (precisión de unos ${punto.precision} m). Si no estás en ${lugar.nombre}, corrígela en el mapa o quítala.`;
  return { punto, aviso };
}

const kilometros = (metros: number) => (metros >= 1000 ? `${(metros / 1000).toLocaleString('es-MX', { maximumFractionDigits: 1 })} km` : `${metros} m`);
