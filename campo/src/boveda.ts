/**
 * The device's store (IndexedDB through `idb`): the device's settings in clear (the PIN's salt and check
 * value, who signed in), and everything personal sealed with the PIN's key: the package, the records and
 * their photos. A record keeps in clear only what the queue needs without the PIN (its id, state, dates).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { abrir, abrirBytes, claveSiEsCorrecto, derivarClave, ITERACIONES, salNueva, sellar, sellarBytes, sellarPrueba, type Sellado } from './cifrado.ts';
import type { Paquete } from './paquete.ts';
import type { EstadoLocal, FotoGuardada, RegistroLocal } from './registro.ts';

export interface Dispositivo {
  sal: Uint8Array<ArrayBuffer>;
  iteraciones: number;
  prueba: Sellado;
  brigadista: { id: string; nombre: string; usuario: string };
}

interface FilaRegistro {
  idCliente: string;
  estado: EstadoLocal;
  creadoEn: string;
  sinRespuesta: boolean;
  sellado: Sellado;
}

interface FilaFoto {
  id: string;
  idCliente: string;
  sellado: Sellado;
}

interface CampoDB extends DBSchema {
  ajustes: { key: string; value: Dispositivo };
  paquete: { key: string; value: { descargadoEn: string; sellado: Sellado } };
  registros: { key: string; value: FilaRegistro; indexes: { creadoEn: string } };
  fotos: { key: string; value: FilaFoto; indexes: { idCliente: string } };
}

const NOMBRE = 'sipros-campo';

function abrirBase(): Promise<IDBPDatabase<CampoDB>> {
  return openDB<CampoDB>(NOMBRE, 1, {
    upgrade(db) {
      db.createObjectStore('ajustes');
      db.createObjectStore('paquete');
      db.createObjectStore('registros', { keyPath: 'idCliente' }).createIndex('creadoEn', 'creadoEn');
      db.createObjectStore('fotos', { keyPath: 'id' }).createIndex('idCliente', 'idCliente');
    },
  });
}

export async function dispositivo(): Promise<Dispositivo | null> {
  return (await (await abrirBase()).get('ajustes', 'dispositivo')) ?? null;
}

/** First start: the PIN's salt and check value, and the brigadista who signed in. */
export async function configurar(pin: string, brigadista: Dispositivo['brigadista']): Promise<Boveda> {
  const sal = salNueva();
  const clave = await derivarClave(pin, sal);
  const db = await abrirBase();
  await db.put('ajustes', { sal, iteraciones: ITERACIONES, prueba: await sellarPrueba(clave), brigadista }, 'dispositivo');
  return new Boveda(db, clave);
}

/** Opens the store with the PIN; PinIncorrecto when it is not the one chosen on this device. */
export async function desbloquear(pin: string): Promise<Boveda> {
  const db = await abrirBase();
  const d = await db.get('ajustes', 'dispositivo');
  if (!d) throw new Error('Este dispositivo todavía no está configurado.');
  return new Boveda(db, await claveSiEsCorrecto(pin, d.sal, d.iteraciones, d.prueba));
}

const idFoto = (idCliente: string, tipo: string) => `${idCliente}/${tipo}`;

export class Boveda {
  constructor(
    private readonly db: IDBPDatabase<CampoDB>,
    private readonly clave: CryptoKey,
  ) {}

  async paquete(): Promise<{ paquete: Paquete; descargadoEn: string } | null> {
    const fila = await this.db.get('paquete', 'actual');
    return fila ? { paquete: await abrir<Paquete>(this.clave, fila.sellado), descargadoEn: fila.descargadoEn } : null;
  }

  async guardarPaquete(paquete: Paquete, descargadoEn: string): Promise<void> {
    await this.db.put('paquete', { descargadoEn, sellado: await sellar(this.clave, paquete) }, 'actual');
  }

  async registro(idCliente: string): Promise<RegistroLocal | null> {
    const fila = await this.db.get('registros', idCliente);
    return fila ? abrir<RegistroLocal>(this.clave, fila.sellado) : null;
  }

  /** Every record, oldest first (the queue's order). */
  async registros(): Promise<RegistroLocal[]> {
    const filas = await this.db.getAllFromIndex('registros', 'creadoEn');
    return Promise.all(filas.map((f) => abrir<RegistroLocal>(this.clave, f.sellado)));
  }

  async guardar(r: RegistroLocal): Promise<void> {
    const fila: FilaRegistro = { idCliente: r.idCliente, estado: r.estado, creadoEn: r.creadoEn, sinRespuesta: r.sinRespuesta, sellado: await sellar(this.clave, r) };
    await this.db.put('registros', fila);
  }

  /** Changes waiting their turn: one read-change-write at a time, so two changes never undo each other. */
  private turno: Promise<unknown> = Promise.resolve();

  /** Changes a record already kept (read, change, write back), after the changes asked before it. */
  cambiar(idCliente: string, cambio: (r: RegistroLocal) => RegistroLocal): Promise<RegistroLocal> {
    const hecho = this.turno.then(async () => {
      const actual = await this.registro(idCliente);
      if (!actual) throw new Error(`No existe el registro ${idCliente} en este dispositivo.`);
      const nuevo = { ...cambio(actual), actualizadoEn: new Date().toISOString() };
      await this.guardar(nuevo);
      return nuevo;
    });
    this.turno = hecho.catch(() => undefined);
    return hecho;
  }

  async guardarFoto(idCliente: string, foto: FotoGuardada, archivo: Blob): Promise<void> {
    await this.db.put('fotos', { id: idFoto(idCliente, foto.tipo), idCliente, sellado: await sellarBytes(this.clave, await archivo.arrayBuffer()) });
  }

  async foto(idCliente: string, foto: FotoGuardada): Promise<Blob | null> {
    const fila = await this.db.get('fotos', idFoto(idCliente, foto.tipo));
    return fila ? new Blob([await abrirBytes(this.clave, fila.sellado)], { type: foto.mediaType }) : null;
  }

  /** A correction gets the refused record's photos under its own id. */
  async copiarFotos(de: string, a: string): Promise<void> {
    for (const fila of await this.db.getAllFromIndex('fotos', 'idCliente', de)) {
      await this.db.put('fotos', { ...fila, id: fila.id.replace(`${de}/`, `${a}/`), idCliente: a });
    }
  }
}
