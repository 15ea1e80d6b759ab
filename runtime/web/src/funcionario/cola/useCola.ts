/**
 * The queue's state: the filters live in the address (the back button, a reload and a shared link
 * keep them), pages by keyset cursors, the search box, the selection for bulk approval, and the
 * lists of processes and statuses for the filters.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { ESTADOS, funcionarioApi, type Filtros, type PaginaSolicitudes, type ProgramaFuncionario } from '../api.ts';
import { direccionDe, filtrosDe } from './filtros.ts';

function listas(programas: ProgramaFuncionario[] | null, programa: ProgramaFuncionario | undefined) {
  const list = programa ? programa.estados : (programas ?? []).flatMap((p) => p.estados);
  const seen = new Map<string, string>();
  for (const e of list) if (!seen.has(e.id)) seen.set(e.id, e.etiqueta);
  const procesos = [...seen].map(([value, label]) => ({ value, label }));
  const fromPrograms = (programas ?? []).flatMap((p) => p.estados.map((e) => e.estado));
  const estados = [...new Set([...ESTADOS, ...fromPrograms])].map((e) => ({ value: e, label: e }));
  return { procesos, estados };
}

function resumenDe(data: PaginaSolicitudes | null, pagina: number, total: number | undefined): string {
  if (!data) return '';
  const n = data.filas.length;
  if (n === 0) return 'No hay solicitudes con estos filtros.';
  return `Página ${pagina}: ${n} ${n === 1 ? 'solicitud' : 'solicitudes'}${total !== undefined ? ` de ${formatNumber(total)} en total` : ''}.`;
}

/** Keyset paging: the cursors of the pages visited, to go back; a new filter starts over. */
function usePaginas(key: string) {
  const [paginas, setPaginas] = useState<{ key: string; cursores: Array<string | null> }>({ key, cursores: [null] });
  const cursores = paginas.key === key ? paginas.cursores : [null];
  const moverFoco = useRef(false);
  const ir = (next: Array<string | null>) => {
    moverFoco.current = true;
    setPaginas({ key, cursores: next });
  };
  return { cursores, despues: cursores[cursores.length - 1], moverFoco, anterior: () => ir(cursores.slice(0, -1)), siguiente: (cursor: string | null) => ir([...cursores, cursor]) };
}

export function useCola() {
  const [params, setParams] = useSearchParams();
  const filtros = useMemo(() => filtrosDe(params), [params]);
  const limite = Number(params.get('limite')) || undefined;
  const key = JSON.stringify([filtros, limite]);
  const paginas = usePaginas(key);
  const { despues, cursores, moverFoco } = paginas;
  const { data: programas, error: programasError } = useLoad(() => funcionarioApi.programas(), []);
  // Each answer remembers the filters and page it was asked for. `data` is the page asked for, or null while it
  // loads; `enPantalla` is the last page that came, which stays on screen under a progress bar meanwhile. Nothing
  // reads `enPantalla` as the page asked for: «Página 2» over the first page's rows, or the old filter's total kept
  // as the new one's, would be wrong.
  const pedido = JSON.stringify([key, despues]);
  const { data: respuesta, error, reload } = useLoad(() => funcionarioApi.solicitudes(filtros, despues, limite).then((pagina) => ({ pedido, pagina })), [pedido]);
  const data = respuesta?.pedido === pedido ? respuesta.pagina : null;
  const enPantalla = respuesta?.pagina ?? null;
  const cargando = !data && !error;
  const [q, setQ] = useState(filtros.q ?? '');
  const [seleccion, setSeleccion] = useState<Set<string>>(new Set());
  const resultadosRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => setQ(filtros.q ?? ''), [filtros.q]);
  useEffect(() => setSeleccion(new Set()), [key, despues]);
  useEffect(() => {
    if (data && moverFoco.current) {
      moverFoco.current = false;
      resultadosRef.current?.focus();
    }
  }, [data, moverFoco]);

  // The address is the truth at the moment of each change (the router re-renders in a transition, so
  // this render's `filtros` may be one change behind when the official changes two filters quickly).
  const actuales = () => new URLSearchParams(window.location.search);
  const aplicar = (f: Filtros) => setParams(direccionDe(f, actuales().get('limite')));
  const cambiar = (k: keyof Filtros, v: string) => {
    const f = { ...filtrosDe(actuales()), [k]: v || undefined };
    // Another program: its workflow states differ.
    if (k === 'programa' && f.proceso && v && !programas?.find((p) => p.id === v)?.estados.some((e) => e.id === f.proceso)) delete f.proceso;
    aplicar(f);
  };
  const buscar = (e: FormEvent) => {
    e.preventDefault();
    aplicar({ ...filtrosDe(actuales()), q: q.trim() || undefined });
  };
  const quitarFiltros = () => aplicar({ orden: filtrosDe(actuales()).orden });

  const programa = programas?.find((p) => p.id === filtros.programa);
  const { procesos, estados } = useMemo(() => listas(programas, programa), [programa, programas]);
  // The server counts only with the first page: keep that total while paging.
  const totales = useRef(new Map<string, number>());
  if (data && cursores.length === 1 && typeof data.total === 'number') totales.current.set(key, data.total);
  const total = typeof data?.total === 'number' ? data.total : totales.current.get(key);
  const resumen = cargando && enPantalla ? `Cargando la página ${cursores.length}…` : resumenDe(data, cursores.length, total);

  return { filtros, programas, programasError, programa, procesos, estados, data, enPantalla, cargando, error, reload, q, setQ, seleccion, setSeleccion, resultadosRef, paginas, aplicar, cambiar, buscar, quitarFiltros, resumen };
}

export type Cola = ReturnType<typeof useCola>;
