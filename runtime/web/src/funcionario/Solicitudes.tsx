/**
 * "Solicitudes": the work queue of the official's area with the seed's columns, filters (Apoyo, Proceso,
 * Estado), search, sort, keyset paging, saved filters, bulk approval and the CSV / Excel reports.
 * The filters live in the address, so the browser's back button, a reload and a shared link keep them.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import DownloadIcon from '@mui/icons-material/Download';
import SearchIcon from '@mui/icons-material/Search';
import VisibilityIcon from '@mui/icons-material/Visibility';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import SaveIcon from '@mui/icons-material/Save';
import DeleteIcon from '@mui/icons-material/Delete';
import { messageOf } from '../api.ts';
import { ErrorAlert, Loading, Page, StatusChip, visuallyHidden } from '../components/common.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { ESTADOS, funcionarioApi, urlReporte, type FilaSolicitud, type Filtros, type FiltroGuardado, type Orden, type ResultadoLote } from './api.ts';
import { FormDialog, SelectField } from './common.tsx';

const ORDENES: Array<{ value: Orden; label: string }> = [
  { value: 'fecha_desc', label: 'Más recientes primero' },
  { value: 'fecha_asc', label: 'Más antiguas primero' },
  { value: 'folio', label: 'Folio' },
  { value: 'nombre', label: 'Nombre' },
];

const FILTER_KEYS = ['programa', 'proceso', 'estado', 'q', 'orden'] as const;

function filtrosDe(params: URLSearchParams): Filtros {
  const f: Filtros = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) (f as Record<string, string>)[k] = v;
  }
  return f;
}

const nombreCompleto = (r: FilaSolicitud) => [r.nombre, r.primerApellido, r.segundoApellido].filter(Boolean).join(' ');

interface Columna {
  header: string;
  cell: (r: FilaSolicitud) => React.ReactNode;
  nowrap?: boolean;
}

/** The queue's columns, in plain words; the name is one column so the table fits a 1280 px screen. */
const COLUMNAS: Columna[] = [
  {
    header: 'CURP',
    cell: (r) => (
      <Box component="span" sx={{ fontFamily: 'ui-monospace, monospace', fontSize: '0.75rem' }}>
        {r.curp || '—'}
      </Box>
    ),
    nowrap: true,
  },
  { header: 'Nombre', cell: (r) => nombreCompleto(r) || '—' },
  { header: 'Fecha', cell: (r) => formatDate(r.fechaSolicitud), nowrap: true },
  { header: 'Folio', cell: (r) => r.folio, nowrap: true },
  { header: 'Programa', cell: (r) => r.programaNombre },
  { header: 'Proceso', cell: (r) => r.procesoEtiqueta || r.proceso },
  { header: 'Tipo de apoyo', cell: (r) => r.tipoApoyo || '—' },
  { header: 'Padrón', cell: (r) => (r.padron ? 'Sí' : 'No') },
  { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
];

function VerBoton({ r, compacto = false }: { r: FilaSolicitud; compacto?: boolean }) {
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={compacto ? undefined : <VisibilityIcon aria-hidden="true" />}
      component={RouterLink}
      to={`/funcionario/solicitudes/${r.id}`}
      sx={compacto ? { whiteSpace: 'nowrap', px: 1, fontSize: '0.8125rem', minWidth: 0 } : { whiteSpace: 'nowrap' }}
    >
      Ver solicitud
      <Box component="span" sx={visuallyHidden}>
        {' '}
        {r.folio}
      </Box>
    </Button>
  );
}

function TablaSolicitudes({
  filas,
  seleccion,
  onSeleccion,
  seleccionable,
  caption,
}: {
  filas: FilaSolicitud[];
  seleccion: Set<string>;
  onSeleccion: (ids: Set<string>) => void;
  seleccionable: boolean;
  caption: string;
}) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const toggle = (id: string) => {
    const next = new Set(seleccion);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSeleccion(next);
  };
  // Only rows the official may approve now can be chosen (the server says which: `aprobar`).
  const elegibles = filas.filter((r) => r.aprobar);
  const todas = elegibles.length > 0 && elegibles.every((r) => seleccion.has(r.id));
  const algunas = elegibles.some((r) => seleccion.has(r.id));
  const alternarTodas = () => onSeleccion(todas ? new Set() : new Set(elegibles.map((r) => r.id)));

  if (!wide) {
    return (
      <>
        {seleccionable && filas.length > 0 && (
          <Box sx={{ mb: 1 }}>
            <label>
              <Checkbox checked={todas} indeterminate={algunas && !todas} onChange={alternarTodas} />
              Seleccionar todas las que puedes aprobar en esta página
            </label>
          </Box>
        )}
        <Box component="ul" aria-label={caption} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2 }}>
          {filas.map((r) => (
            <Paper component="li" key={r.id} variant="outlined" sx={{ p: 2 }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
                {seleccionable && r.aprobar && <Checkbox checked={seleccion.has(r.id)} onChange={() => toggle(r.id)} slotProps={{ input: { 'aria-label': `Seleccionar solicitud ${r.folio}` } }} sx={{ ml: -1 }} />}
                <Typography component="p" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
                  {r.folio}
                </Typography>
                <StatusChip estado={r.estado} />
              </Box>
              <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 1.5, rowGap: 0.5, mb: 1.5 }}>
                {[
                  ['Nombre', nombreCompleto(r) || '—'],
                  ['CURP', r.curp || '—'],
                  ['Programa', r.programaNombre],
                  ['Proceso', r.procesoEtiqueta || r.proceso],
                  ['Tipo de apoyo', r.tipoApoyo || '—'],
                  ['Fecha', formatDate(r.fechaSolicitud)],
                  ['Padrón', r.padron ? 'Sí' : 'No'],
                ].map(([k, v]) => (
                  <Box key={k} sx={{ display: 'contents' }}>
                    <Typography component="dt" sx={{ fontWeight: 700 }}>
                      {k}
                    </Typography>
                    <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                      {v}
                    </Typography>
                  </Box>
                ))}
              </Box>
              <VerBoton r={r} />
            </Paper>
          ))}
        </Box>
      </>
    );
  }

  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" sx={{ '& td, & th': { px: 0.75, fontSize: '0.8125rem', lineHeight: 1.35 }, '& .MuiChip-root': { fontSize: '0.75rem', height: 22 }, '& .MuiChip-label': { px: 1 } }}>
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '10px 12px', fontWeight: 600, color: '#1d1b1c' }}>{caption}</caption>
        <TableHead>
          <TableRow>
            {seleccionable && (
              <TableCell padding="checkbox" scope="col">
                <Checkbox
                  checked={todas}
                  indeterminate={algunas && !todas}
                  onChange={alternarTodas}
                  slotProps={{ input: { 'aria-label': 'Seleccionar todas las que puedes aprobar en esta página' } }}
                />
              </TableCell>
            )}
            {COLUMNAS.map((c) => (
              <TableCell key={c.header} scope="col">
                {c.header}
              </TableCell>
            ))}
            <TableCell scope="col">Acciones</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {filas.map((r) => (
            <TableRow key={r.id} hover selected={seleccion.has(r.id)}>
              {seleccionable && (
                <TableCell padding="checkbox">
                  {r.aprobar && <Checkbox checked={seleccion.has(r.id)} onChange={() => toggle(r.id)} slotProps={{ input: { 'aria-label': `Seleccionar solicitud ${r.folio}` } }} />}
                </TableCell>
              )}
              {COLUMNAS.map((c) => (
                <TableCell key={c.header} sx={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                  {c.cell(r)}
                </TableCell>
              ))}
              <TableCell>
                <VerBoton r={r} compacto />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function FiltrosGuardados({ filtros, onAplicar }: { filtros: Filtros; onAplicar: (f: Filtros) => void }) {
  const { data, error, reload } = useLoad(() => funcionarioApi.filtros(), []);
  const [elegido, setElegido] = useState('');
  const [abierto, setAbierto] = useState(false);
  const [nombre, setNombre] = useState('');
  const [nombreError, setNombreError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);
  const [accionError, setAccionError] = useState<string | null>(null);
  const lista: FiltroGuardado[] = data ?? [];
  const actual = lista.find((f) => f.id === elegido);

  const guardar = async () => {
    if (!nombre.trim()) {
      setNombreError('Escribe un nombre para reconocer este filtro.');
      document.getElementById('filtro-nombre')?.focus();
      return;
    }
    setBusy(true);
    setDialogError(null);
    try {
      const f = await funcionarioApi.guardarFiltro(nombre.trim(), filtros);
      setAbierto(false);
      setNombre('');
      setAviso(`Guardaste el filtro «${f.nombre}».`);
      setElegido(f.id);
      reload();
    } catch (e) {
      setDialogError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const borrar = async () => {
    if (!actual) return;
    setAccionError(null);
    try {
      await funcionarioApi.borrarFiltro(actual.id);
      setAviso(`Borraste el filtro «${actual.nombre}».`);
      setElegido('');
      reload();
    } catch (e) {
      setAccionError(messageOf(e));
    }
  };

  return (
    <Box component="section" aria-labelledby="filtros-guardados-titulo" sx={{ mt: 2 }}>
      <Typography variant="h4" component="h3" id="filtros-guardados-titulo" sx={{ mb: 1 }}>
        Filtros guardados
      </Typography>
      <ErrorAlert message={error ?? accionError} />
      <Box role="status" sx={{ minHeight: 0 }}>
        {aviso && (
          <Alert severity="success" sx={{ mb: 1 }} onClose={() => setAviso(null)}>
            {aviso}
          </Alert>
        )}
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' } }}>
        <SelectField
          id="filtro-guardado"
          label="Filtro guardado"
          size="small"
          value={elegido}
          onChange={(e) => setElegido(e.target.value)}
          placeholder={lista.length ? 'Elige un filtro' : 'No tienes filtros guardados'}
          options={lista.map((f) => ({ value: f.id, label: f.nombre }))}
          sx={{ minWidth: 220, maxWidth: { sm: 320 } }}
        />
        <Button variant="outlined" disabled={!actual} onClick={() => actual && onAplicar(actual.filtros)}>
          Aplicar filtro
        </Button>
        <Button variant="outlined" color="error" disabled={!actual} startIcon={<DeleteIcon aria-hidden="true" />} onClick={borrar}>
          Borrar filtro
        </Button>
        <Button
          variant="text"
          startIcon={<SaveIcon aria-hidden="true" />}
          onClick={() => {
            setAbierto(true);
            setNombreError(null);
            setDialogError(null);
          }}
        >
          Guardar los filtros actuales
        </Button>
      </Stack>
      <FormDialog open={abierto} initialFocus="filtro-nombre" title="Guardar filtros" onClose={() => setAbierto(false)} onSubmit={guardar} submitLabel="Guardar" busy={busy} error={dialogError}>
        <Typography sx={{ mb: 2 }}>Guarda la combinación actual de apoyo, proceso, estado, búsqueda y orden para aplicarla después con un clic.</Typography>
        <TextField
          id="filtro-nombre"
          label="Nombre del filtro"
          required
          value={nombre}
          onChange={(e) => {
            setNombre(e.target.value);
            setNombreError(null);
          }}
          error={!!nombreError}
          helperText={nombreError ?? 'Por ejemplo: «Tarifa Unidos por revisar».'}
          slotProps={{ htmlInput: { maxLength: 80 } }}
        />
      </FormDialog>
    </Box>
  );
}

/**
 * Sends the bulk approval: the rows chosen, grouped by the event that approves each (workflows may
 * name it differently), with the results back in the order chosen.
 */
async function aprobarPorEvento(filas: FilaSolicitud[], ids: string[], comentario?: string): Promise<ResultadoLote[]> {
  const porEvento = new Map<string, string[]>();
  for (const id of ids) {
    const evento = filas.find((r) => r.id === id)?.aprobar;
    if (evento) porEvento.set(evento, [...(porEvento.get(evento) ?? []), id]);
  }
  const resultados = new Map<string, ResultadoLote>();
  for (const [evento, grupo] of porEvento) for (const r of (await funcionarioApi.lote(grupo, evento, comentario)).resultados) resultados.set(r.id, r);
  return ids.flatMap((id) => resultados.get(id) ?? []);
}

function AprobarLote({ filas, ids, onDone }: { filas: FilaSolicitud[]; ids: string[]; onDone: () => void }) {
  const [abierto, setAbierto] = useState(false);
  const [comentario, setComentario] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resultados, setResultados] = useState<ResultadoLote[] | null>(null);
  const folios = ids.map((id) => filas.find((r) => r.id === id)?.folio ?? id);

  const aprobar = async () => {
    setBusy(true);
    setError(null);
    try {
      setResultados(await aprobarPorEvento(filas, ids, comentario.trim() || undefined));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const cerrar = () => {
    setAbierto(false);
    if (resultados) {
      setResultados(null);
      setComentario('');
      onDone();
    }
  };

  const aprobadas = resultados?.filter((r) => r.ok).length ?? 0;
  return (
    <>
      <Button
        variant="contained"
        color="success"
        startIcon={<DoneAllIcon aria-hidden="true" />}
        disabled={ids.length === 0}
        onClick={() => {
          setAbierto(true);
          setError(null);
        }}
      >
        Aprobar seleccionadas{ids.length ? ` (${ids.length})` : ''}
      </Button>
      <FormDialog
        open={abierto}
        title={resultados ? 'Resultado de la aprobación' : `Aprobar ${ids.length === 1 ? '1 solicitud' : `${ids.length} solicitudes`}`}
        onClose={cerrar}
        onSubmit={aprobar}
        submitLabel="Aprobar"
        submitColor="success"
        busy={busy}
        error={error}
        hideSubmit={!!resultados}
        maxWidth="md"
        initialFocus="lote-comentario"
      >
        {!resultados ? (
          <>
            <Typography sx={{ mb: 1 }}>Se aprobará cada solicitud por separado; las que no se puedan aprobar te dirán por qué. A cada persona se le emitirá su código QR de entrega.</Typography>
            <Typography sx={{ mb: 2, fontWeight: 600 }}>Folios: {folios.join(', ')}</Typography>
            <TextField
              id="lote-comentario"
              label="Comentario (opcional)"
              multiline
              minRows={3}
              value={comentario}
              onChange={(e) => setComentario(e.target.value)}
              helperText="Queda en el historial de cada solicitud."
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
          </>
        ) : (
          <>
            <Alert severity={aprobadas === resultados.length ? 'success' : 'warning'} role="status" sx={{ mb: 2 }}>
              Se aprobaron {aprobadas} de {resultados.length}.
            </Alert>
            <TableContainer>
              <Table size="small">
                <caption style={visuallyHiddenCaption}>Resultado por solicitud</caption>
                <TableHead>
                  <TableRow>
                    <TableCell scope="col">Folio</TableCell>
                    <TableCell scope="col">Resultado</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {resultados.map((r) => (
                    <TableRow key={r.id} data-resultado={r.ok ? 'ok' : 'error'}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.folio ?? r.id}</TableCell>
                      <TableCell>
                        {r.ok ? (
                          <StatusChip estado={r.estado ?? 'Aprobada'} />
                        ) : (
                          <Typography component="span" sx={{ color: 'error.main', fontWeight: 600 }}>
                            No se aprobó: {r.error?.message}
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </>
        )}
      </FormDialog>
    </>
  );
}

const visuallyHiddenCaption: React.CSSProperties = { ...visuallyHidden };

export function ColaSolicitudesPage() {
  const [params, setParams] = useSearchParams();
  const { funcionario } = useSession();
  const filtros = useMemo(() => filtrosDe(params), [params]);
  const limite = Number(params.get('limite')) || undefined;
  const key = JSON.stringify([filtros, limite]);
  // Keyset paging: the cursors of the pages visited, to go back; a new filter starts over.
  const [paginas, setPaginas] = useState<{ key: string; cursores: Array<string | null> }>({ key, cursores: [null] });
  const cursores = paginas.key === key ? paginas.cursores : [null];
  const despues = cursores[cursores.length - 1];
  const { data: programas, error: programasError } = useLoad(() => funcionarioApi.programas(), []);
  const { data, error, reload } = useLoad(() => funcionarioApi.solicitudes(filtros, despues, limite), [key, despues]);
  const [q, setQ] = useState(filtros.q ?? '');
  const [seleccion, setSeleccion] = useState<Set<string>>(new Set());
  const resultadosRef = useRef<HTMLHeadingElement>(null);
  const moverFoco = useRef(false);

  useEffect(() => setQ(filtros.q ?? ''), [filtros.q]);
  useEffect(() => setSeleccion(new Set()), [key, despues]);
  useEffect(() => {
    if (data && moverFoco.current) {
      moverFoco.current = false;
      resultadosRef.current?.focus();
    }
  }, [data]);

  // The address is the truth at the moment of each change (the router re-renders in a transition, so
  // this render's `filtros` may be one change behind when the official changes two filters quickly).
  const actuales = () => new URLSearchParams(window.location.search);
  const aplicar = (f: Filtros) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k]!);
    const l = actuales().get('limite');
    if (l) next.set('limite', l);
    setParams(next);
  };
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

  const programa = programas?.find((p) => p.id === filtros.programa);
  const procesos = useMemo(() => {
    const list = programa ? programa.estados : (programas ?? []).flatMap((p) => p.estados);
    const seen = new Map<string, string>();
    for (const e of list) if (!seen.has(e.id)) seen.set(e.id, e.etiqueta);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [programa, programas]);
  const estados = useMemo(() => {
    const fromPrograms = (programas ?? []).flatMap((p) => p.estados.map((e) => e.estado));
    return [...new Set([...ESTADOS, ...fromPrograms])].map((e) => ({ value: e, label: e }));
  }, [programas]);

  const seleccionable = (data?.filas ?? []).some((r) => r.aprobar);
  // Only `funcionario` (and `planeacion`) work without personal data: they search by folio (runtime/API-funcionarios.md).
  const datosPersonales = !!funcionario?.roles.some((r) => r !== 'funcionario' && r !== 'planeacion');
  const hayFiltros = FILTER_KEYS.some((k) => k !== 'orden' && filtros[k]);
  const pagina = cursores.length;
  const filas = data?.filas ?? [];
  // The server counts only with the first page: keep that total while paging.
  const totales = useRef(new Map<string, number>());
  if (data && cursores.length === 1 && typeof data.total === 'number') totales.current.set(key, data.total);
  const total = typeof data?.total === 'number' ? data.total : totales.current.get(key);
  const resumen = data
    ? filas.length === 0
      ? 'No hay solicitudes con estos filtros.'
      : `Página ${pagina}: ${filas.length} ${filas.length === 1 ? 'solicitud' : 'solicitudes'}${total !== undefined ? ` de ${formatNumber(total)} en total` : ''}.`
    : '';

  return (
    <Page
      title="Solicitudes"
      lead={`Las solicitudes recibidas en los programas de ${funcionario?.areaNombre ?? 'tu área'}. Filtra por apoyo, proceso y estado, o busca por ${datosPersonales ? 'CURP, nombre o folio' : 'folio'}.`}
    >
      <ErrorAlert message={programasError} />
      <Paper variant="outlined" component="section" aria-labelledby="filtros-titulo" sx={{ p: { xs: 2, sm: 2.5 }, mb: 3 }}>
        <Typography variant="h2" id="filtros-titulo" sx={{ fontSize: '1.2rem', mb: 2 }}>
          Filtros
        </Typography>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, minmax(0, 1fr))' } }}>
          <SelectField
            id="filtro-programa"
            label="Apoyo"
            size="small"
            value={filtros.programa ?? ''}
            onChange={(e) => cambiar('programa', e.target.value)}
            placeholder="Todos los apoyos"
            options={(programas ?? []).map((p) => ({ value: p.id, label: p.nombre }))}
          />
          <SelectField
            id="filtro-proceso"
            label="Proceso"
            size="small"
            value={filtros.proceso ?? ''}
            onChange={(e) => cambiar('proceso', e.target.value)}
            placeholder="Todos los procesos"
            options={procesos}
          />
          <SelectField
            id="filtro-estado"
            label="Estado"
            size="small"
            value={filtros.estado ?? ''}
            onChange={(e) => cambiar('estado', e.target.value)}
            placeholder="Todos los estados"
            options={estados}
          />
          <SelectField
            id="filtro-orden"
            label="Ordenar por"
            size="small"
            value={filtros.orden ?? 'fecha_desc'}
            onChange={(e) => cambiar('orden', e.target.value === 'fecha_desc' ? '' : e.target.value)}
            options={ORDENES}
          />
        </Box>
        <Box component="form" role="search" aria-label="Buscar solicitudes" onSubmit={buscar} sx={{ display: 'flex', gap: 1.5, mt: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField
            id="filtro-q"
            label="Buscar"
            size="small"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            helperText={datosPersonales ? 'CURP (18 caracteres), folio o nombre.' : 'Folio (tu rol no incluye datos personales).'}
            sx={{ flex: '1 1 260px', maxWidth: 520 }}
            slotProps={{ htmlInput: { spellCheck: false, maxLength: 120 } }}
          />
          <Button type="submit" variant="contained" startIcon={<SearchIcon aria-hidden="true" />}>
            Buscar
          </Button>
          {hayFiltros && (
            <Button variant="text" onClick={() => aplicar({ orden: filtrosDe(actuales()).orden })}>
              Quitar filtros
            </Button>
          )}
        </Box>
        <FiltrosGuardados filtros={filtros} onAplicar={aplicar} />
      </Paper>

      <Box component="section" aria-labelledby="resultados-titulo">
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
          <Typography variant="h2" id="resultados-titulo" ref={resultadosRef} tabIndex={-1} sx={{ fontSize: '1.3rem', mr: 'auto', '&:focus': { outline: 'none' } }}>
            Resultados
          </Typography>
          {seleccionable && <AprobarLote filas={filas} ids={[...seleccion]} onDone={reload} />}
          <Button variant="outlined" component="a" href={urlReporte('csv', filtros)} download startIcon={<DownloadIcon aria-hidden="true" />}>
            Descargar CSV
          </Button>
          <Button variant="outlined" component="a" href={urlReporte('xlsx', filtros)} download startIcon={<DownloadIcon aria-hidden="true" />}>
            Descargar Excel
          </Button>
        </Box>
        <Typography role="status" sx={{ mb: 1.5 }} data-resumen>
          {resumen}
        </Typography>
        <ErrorAlert message={error} title="No pudimos cargar las solicitudes" />
        {!data && !error && <Loading label="Cargando solicitudes…" />}
        {data && filas.length > 0 && (
          <TablaSolicitudes
            filas={filas}
            seleccion={seleccion}
            onSeleccion={setSeleccion}
            seleccionable={seleccionable}
            caption={`Solicitudes${programa ? ` de ${programa.nombre}` : ''}, ${ORDENES.find((o) => o.value === (filtros.orden ?? 'fecha_desc'))?.label.toLowerCase()}`}
          />
        )}
        {data && filas.length === 0 && hayFiltros && (
          <Typography sx={{ mt: 1 }}>
            Prueba con otros filtros o{' '}
            <Button variant="text" onClick={() => aplicar({})} sx={{ p: 0, minWidth: 0, verticalAlign: 'baseline' }}>
              quítalos todos
            </Button>
            .
          </Typography>
        )}
        {data && (cursores.length > 1 || data.siguiente) && (
          <Box component="nav" aria-label="Páginas de resultados" sx={{ display: 'flex', gap: 2, mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button
              variant="outlined"
              disabled={cursores.length <= 1}
              onClick={() => {
                moverFoco.current = true;
                setPaginas({ key, cursores: cursores.slice(0, -1) });
              }}
            >
              Página anterior
            </Button>
            <Typography>Página {pagina}</Typography>
            <Button
              variant="contained"
              disabled={!data.siguiente}
              onClick={() => {
                moverFoco.current = true;
                setPaginas({ key, cursores: [...cursores, data.siguiente] });
              }}
            >
              Siguiente página
            </Button>
          </Box>
        )}
      </Box>
    </Page>
  );
}
