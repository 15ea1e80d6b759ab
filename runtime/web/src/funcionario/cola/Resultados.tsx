/** The queue's results: bulk approval, reports (with their download's progress), a status line, the table and the pages. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { AprobarLote } from './AprobarLote.tsx';
import { DescargasReporte } from './Descargas.tsx';
import { FILTER_KEYS, ORDENES } from './filtros.ts';
import { TablaSolicitudes } from './Tabla.tsx';
import type { Cola } from './useCola.ts';

function Encabezado({ c }: { c: Cola }) {
  const filas = c.data?.filas ?? [];
  const seleccionable = filas.some((r) => r.aprobar);
  return (
    <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
      <Typography variant="h2" id="resultados-titulo" ref={c.resultadosRef} tabIndex={-1} sx={{ fontSize: '1.3rem', mr: 'auto', '&:focus': { outline: 'none' } }}>
        Resultados
      </Typography>
      {seleccionable && <AprobarLote filas={filas} ids={[...c.seleccion]} onDone={c.reload} />}
      <DescargasReporte filtros={c.filtros} />
    </Box>
  );
}

/** While a page loads, its buttons wait: the cursor on screen is the previous page's. */
function Paginas({ c }: { c: Cola }) {
  const { data, enPantalla, cargando, paginas } = c;
  if (!enPantalla || (paginas.cursores.length <= 1 && !enPantalla.siguiente)) return null;
  return (
    <Box component="nav" aria-label="Páginas de resultados" sx={{ display: 'flex', gap: 2, mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
      <Button variant="outlined" disabled={cargando || paginas.cursores.length <= 1} onClick={paginas.anterior}>
        Página anterior
      </Button>
      <Typography>Página {paginas.cursores.length}</Typography>
      <Button variant="contained" disabled={!data?.siguiente} onClick={() => data && paginas.siguiente(data.siguiente)}>
        Siguiente página
      </Button>
    </Box>
  );
}

function SinResultados({ c }: { c: Cola }) {
  if (!c.data || c.data.filas.length > 0 || !FILTER_KEYS.some((k) => k !== 'orden' && c.filtros[k])) return null;
  return (
    <Typography sx={{ mt: 1 }}>
      Prueba con otros filtros o{' '}
      <Button variant="text" onClick={() => c.aplicar({})} sx={{ p: 0, minWidth: 0, verticalAlign: 'baseline' }}>
        quítalos todos
      </Button>
      .
    </Typography>
  );
}

export function Resultados({ c }: { c: Cola }) {
  const { enPantalla, cargando, error, filtros, programa } = c;
  const filas = enPantalla?.filas ?? [];
  const orden = ORDENES.find((o) => o.value === (filtros.orden ?? 'fecha_desc'))?.label.toLowerCase();
  return (
    <Box component="section" aria-labelledby="resultados-titulo">
      <Encabezado c={c} />
      <Typography role="status" sx={{ mb: 1.5 }} data-resumen>
        {c.resumen}
      </Typography>
      <ErrorAlert message={error} title="No pudimos cargar las solicitudes" />
      {!enPantalla && !error && <Loading label="Cargando solicitudes…" />}
      {filas.length > 0 && (
        <Box aria-busy={cargando} sx={cargando ? { pointerEvents: 'none' } : undefined}>
          {/* The last page stays in place, under a bar, so the buttons do not jump while the next one comes. */}
          {cargando && <LinearProgress aria-hidden="true" sx={{ mb: 1 }} />}
          <TablaSolicitudes filas={filas} seleccion={c.seleccion} onSeleccion={c.setSeleccion} seleccionable={filas.some((r) => r.aprobar)} caption={`Solicitudes${programa ? ` de ${programa.nombre}` : ''}, ${orden}`} />
        </Box>
      )}
      <SinResultados c={c} />
      <Paginas c={c} />
    </Box>
  );
}
