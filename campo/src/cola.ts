/** The device's store seen as the sync's queue (sync.ts): the records «pendiente», oldest first. */
import type { Boveda } from './boveda.ts';
import { aRegistroDeCampo, type RegistroLocal } from './registro.ts';
import type { Cola, FotoAEnviar } from './sync.ts';

async function fotosDe(b: Boveda, r: RegistroLocal): Promise<FotoAEnviar[]> {
  const fotos: FotoAEnviar[] = [];
  for (const f of Object.values(r.documentos)) {
    const archivo = await b.foto(r.idCliente, f);
    if (archivo) fotos.push({ tipo: f.tipo, nombre: f.nombre, archivo });
  }
  return fotos;
}

export function colaDe(b: Boveda): Cola {
  return {
    pendientes: async () => (await b.registros()).filter((r) => r.estado === 'pendiente').map((r) => r.idCliente),
    cargar: async (id) => {
      const r = await b.registro(id);
      if (!r) throw new Error(`No existe el registro ${id}.`);
      return { registro: aRegistroDeCampo(r), fotos: await fotosDe(b, r), sinRespuesta: r.sinRespuesta };
    },
    marcarSinRespuesta: async (id) => void (await b.cambiar(id, (r) => ({ ...r, sinRespuesta: true }))),
    guardarResultado: async (id, resultado) => void (await b.cambiar(id, (r) => ({ ...r, sinRespuesta: false, estado: resultado.resultado, resultado }))),
  };
}
