/**
 * The working copy being edited: loaded with the library, changed in memory at once, and saved 400 ms
 * after the last change (autosave) with the revision it started from; a save that finds a newer
 * revision is a conflict, never an overwrite.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../../runtime/web/src/api.ts';
import { disenador, type Biblioteca, type Borrador, type ErrorDefinicion, type ResultadoPrueba } from '../api.ts';
import { bundledForm, type Def } from '../model.ts';

export type Guardado = { estado: 'guardado' | 'pendiente' | 'guardando' | 'error' | 'conflicto'; cuando: number; mensaje?: string };

/** The draft and the library, read once per draft. */
function useCarga(id: string, onLoaded: (b: Borrador) => void) {
  const [borrador, setBorrador] = useState<Borrador | null>(null);
  const [biblioteca, setBiblioteca] = useState<Biblioteca | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all([disenador.borrador(id), disenador.biblioteca()]).then(
      ([b, lib]) => {
        if (!alive) return;
        setBorrador(b);
        setBiblioteca(lib);
        onLoaded(b);
      },
      (e) => alive && setLoadError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once per draft; onLoaded only sets state
  }, [id]);
  return { borrador, biblioteca, loadError };
}

/** «Guardado hace…» stays current: the clock the status line reads, ticking every 15 s. */
function useAhora() {
  const [ahora, setAhora] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setAhora(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return [ahora, setAhora] as const;
}

export function useBorrador(id: string) {
  const [def, setDef] = useState<Def | null>(null);
  const [errores, setErrores] = useState<ErrorDefinicion[]>([]);
  const [pruebas, setPruebas] = useState<ResultadoPrueba[]>([]);
  const [guardado, setGuardado] = useState<Guardado>({ estado: 'guardado', cuando: Date.now() });
  const [ahora, setAhora] = useAhora();
  const revision = useRef(0);
  const defRef = useRef<Def | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef(false);
  const dirty = useRef(false);
  const { borrador, biblioteca, loadError } = useCarga(id, (b) => {
    setDef(b.definicion);
    defRef.current = b.definicion;
    revision.current = b.revision;
    setErrores(b.errores);
    setPruebas(b.pruebas);
  });

  const save = useCallback(async () => {
    if (saving.current || !defRef.current) return;
    saving.current = true;
    dirty.current = false;
    setGuardado((g) => ({ ...g, estado: 'guardando' }));
    try {
      const r = await disenador.guardar(id, defRef.current, revision.current);
      revision.current = r.revision;
      setErrores(r.errores);
      setPruebas(r.pruebas);
      setGuardado({ estado: dirty.current ? 'pendiente' : 'guardado', cuando: Date.now() });
      setAhora(Date.now());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') setGuardado({ estado: 'conflicto', cuando: Date.now(), mensaje: e.message });
      else {
        setGuardado({ estado: 'error', cuando: Date.now(), mensaje: messageOf(e) });
        dirty.current = true;
      }
    } finally {
      saving.current = false;
    }
    if (dirty.current && timer.current === null) timer.current = setTimeout(() => { timer.current = null; void save(); }, 400);
  }, [id, setAhora]);

  const update = useCallback(
    (change: (d: Def) => Def) => {
      if (!defRef.current) return;
      const next = change(defRef.current);
      defRef.current = next;
      setDef(next);
      dirty.current = true;
      setGuardado((g) => (g.estado === 'conflicto' ? g : { ...g, estado: 'pendiente' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void save();
      }, 400);
    },
    [save],
  );

  const formulario = useMemo(() => (def && biblioteca ? bundledForm(def, biblioteca.fragmentos) : { schema: {}, uischema: {} }), [def, biblioteca]);
  return { borrador, biblioteca, loadError, def, errores, pruebas, guardado, ahora, update, formulario };
}
