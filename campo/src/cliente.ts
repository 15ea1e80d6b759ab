/**
 * The application form of the citizen portal (runtime/web/src/pages/solicitar) pointed at the device
 * instead of the server, as the ventanilla points it at its own routes: the draft is the record kept
 * encrypted on the device, each «Siguiente» checks the step with the engine (validar.ts), the photos are
 * shrunk and kept encrypted, and «Guardar para enviar» puts the record in the queue (sync.ts sends it later).
 */
import { ApiError, type Borrador, type ClienteSolicitud, type DocumentoSubido, type ErrorCampo, type Json } from '../../runtime/web/src/api.ts';
import type { Boveda } from './boveda.ts';
import { evaluadorDelPrograma } from './elegibilidad.ts';
import { comprimirFoto } from './fotos.ts';
import type { Paquete, ProgramaDeCampo } from './paquete.ts';
import type { FotoGuardada, RegistroLocal } from './registro.ts';
import { rutasDeCampo } from './rutas.ts';
import { validadorDelPrograma } from './validar.ts';

const subido = (f: FotoGuardada): DocumentoSubido => ({ id: f.tipo, tipo: f.tipo, nombre: f.nombre, tamano: f.tamano, mediaType: f.mediaType });

function borradorDe(r: RegistroLocal): Borrador {
  const empezado = Object.keys(r.respuestas as object).length > 0;
  return { id: r.idCliente, respuestas: r.respuestas, origen: empezado ? 'borrador' : 'vacio', documentos: Object.values(r.documentos).map(subido), ...(r.posicion ? { posicion: r.posicion } : {}) };
}

export function clienteDeCampo(b: Boveda, idCliente: string, paquete: Paquete, deCampo: ProgramaDeCampo): ClienteSolicitud {
  const programa = deCampo.detalle;
  const validar = validadorDelPrograma(programa);
  const evaluar = evaluadorDelPrograma(paquete, deCampo);
  const cambiar = (cambio: (r: RegistroLocal) => RegistroLocal) => b.cambiar(idCliente, cambio);
  return {
    programa: async () => programa,
    borrador: async () => {
      const r = await b.registro(idCliente);
      if (!r) throw new Error('Este registro ya no está en el dispositivo.');
      return borradorDe(r);
    },
    // Each person applies once per visit: the server's matching finds earlier applications (conflicto).
    solicitudes: async () => [],
    guardarBorrador: async (_programa, respuestas: Json, paso?: number) => {
      await cambiar((r) => ({ ...r, respuestas }));
      return { id: idCliente, respuestas, errores: paso === undefined ? [] : validar(respuestas, paso).errores };
    },
    // As the server does: the rules see the answers without the hidden ones.
    elegibilidad: async (_programa, respuestas: Json) => {
      const r = await b.registro(idCliente);
      return evaluar(r?.persona.curp ?? '', validar(respuestas).datos, new Date());
    },
    guardarPosicion: async (_programa, posicion) => void (await cambiar((r) => ({ ...r, posicion }))),
    subirDocumento: async (_id, tipo, archivo) => {
      const foto: FotoGuardada = { tipo, nombre: archivo.name, tamano: archivo.size, mediaType: archivo.type || 'application/octet-stream' };
      await b.guardarFoto(idCliente, foto, archivo);
      await cambiar((r) => ({ ...r, documentos: { ...r.documentos, [tipo]: foto } }));
      return subido(foto);
    },
    // The photo stays inside the encrypted store: no address to open it from.
    urlDocumento: () => '',
    enviar: async (_id, respuestas: Json, tipoApoyo?: string) => {
      const revision = validar(respuestas);
      if (!revision.valido) throw formularioInvalido(revision.errores);
      await cambiar((r) => ({ ...r, respuestas: revision.datos, tipoApoyo: tipoApoyo ?? null, estado: 'pendiente', sinRespuesta: false }));
      return { id: idCliente, folio: '', estado: 'pendiente' };
    },
    camara: true,
    prepararArchivo: comprimirFoto,
    envio: {
      explicacion:
        'Al guardarla, la persona declara que la información es verdadera. La solicitud queda cifrada en este dispositivo y se envía sola cuando haya conexión; entonces SIPROS le da su folio y le avisa por SMS.',
      boton: 'Guardar para enviar',
      enCurso: 'Guardando…',
    },
    rutas: { borradorGuardado: rutasDeCampo.lista, enviada: rutasDeCampo.listo, solicitud: () => rutasDeCampo.lista, apoyos: rutasDeCampo.registro(idCliente) },
  };
}

/** The same refusal the server gives (FORM_INVALID with the fields), so the review page lists them. */
function formularioInvalido(errores: ErrorCampo[]): ApiError {
  return new ApiError(422, 'FORM_INVALID', 'Faltan datos o hay datos por corregir en el formulario.', { errors: errores });
}
