/** The parts of «Ver solicitud» for an official: summary, applicant, actions, and what the application holds. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ResponsiveTable, StatusChip } from '../../components/common.tsx';
import { AnswersView } from '../../forms/AnswersView.tsx';
import { formatDate, formatDateTime, formatPhone } from '../../format.ts';
import type { Accion, MovimientoHistorial, SolicitudFuncionario } from '../api.ts';
import { DataList, Section } from '../common.tsx';
import { colorDe } from './AccionDialog.tsx';
import { Documento } from './Documento.tsx';

type S = { s: SolicitudFuncionario };

function Tarjeta({ title, items }: { title: string; items: Parameters<typeof DataList>[0]['items'] }) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" sx={{ mb: 2, fontSize: '1.25rem' }}>
        {title}
      </Typography>
      <DataList items={items} />
    </Paper>
  );
}

export function ResumenYSolicitante({ s }: S) {
  const c = s.ciudadano;
  const nombre = [c.nombre, c.primerApellido, c.segundoApellido].filter(Boolean).join(' ');
  const curp = (
    <Box key="curp" component="span" sx={{ fontFamily: 'ui-monospace, monospace' }}>
      {c.curp}
    </Box>
  );
  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, mb: 4 }}>
      <Tarjeta
        title="Resumen"
        items={[
          ['Programa', s.programaNombre],
          ['Folio', s.folio],
          ['Estado', <StatusChip key="e" estado={s.estado} />],
          ['Proceso', s.procesoEtiqueta || s.proceso],
          ['Fecha de solicitud', formatDate(s.fechaSolicitud)],
          ...(s.tipoApoyo ? ([['Tipo de apoyo', s.tipoApoyo]] as Array<[string, string]>) : []),
          ['Versión del programa', String(s.version)],
        ]}
      />
      <Tarjeta title="Solicitante" items={[['Nombre', nombre || 'No visible con tu rol'], ['CURP', curp], ['Teléfono', c.telefono ? formatPhone(c.telefono) : null], ['Correo', c.correo]]} />
    </Box>
  );
}

/** The actions stay in view (on wide screens) while the official reads the answers and documents. */
export function Acciones({ s, onAccion }: S & { onAccion: (a: Accion) => void }) {
  return (
    <Box
      component="section"
      aria-labelledby="acciones-titulo"
      sx={{ position: { md: 'sticky' }, top: 0, zIndex: 5, bgcolor: 'background.default', py: 1.5, mb: 3, borderBottom: { md: '1px solid #d9d2d5' }, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5 }}
    >
      <Typography variant="h2" id="acciones-titulo" sx={{ fontSize: '1.25rem', mr: 1 }}>
        Acciones
      </Typography>
      {s.acciones.length === 0 ? (
        <Typography>Por ahora no te toca decidir en esta solicitud: está en «{s.procesoEtiqueta || s.estado}», y ese paso lo resuelve otra persona del proceso.</Typography>
      ) : (
        <Stack data-acciones direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: { sm: 'center' }, rowGap: 1.5, width: { xs: '100%', sm: 'auto' } }}>
          {s.acciones.map((a) => (
            <Button key={a.evento} variant="contained" color={colorDe(a)} onClick={() => onAccion(a)}>
              {a.etiqueta}
            </Button>
          ))}
        </Stack>
      )}
      <Box component="nav" aria-label="En esta página" sx={{ ml: { md: 'auto' }, display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Link href="#respuestas-titulo">Respuestas</Link>
        <Link href="#documentos-titulo">Documentos ({s.documentos.length})</Link>
        <Link href="#historial-titulo">Historial ({s.historial.length})</Link>
      </Box>
    </Box>
  );
}

export function CorreccionPedida({ s }: S) {
  if (!s.correccion) return null;
  const etiquetaCampo = (ruta: string) => s.campos.find((x) => x.ruta === ruta)?.etiqueta ?? ruta;
  const etiquetaDoc = (tipo: string) => s.documentos.find((d) => d.tipo === tipo || d.id === tipo)?.etiqueta ?? tipo;
  return (
    <Alert severity="warning" variant="outlined" sx={{ mb: 4, bgcolor: '#fffaf2' }}>
      <AlertTitle component="h2" sx={{ fontSize: '1.15rem', fontWeight: 700 }}>
        Corrección pedida
      </AlertTitle>
      {s.correccion.comentario && <Typography sx={{ mb: 1 }}>«{s.correccion.comentario}»</Typography>}
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {s.correccion.campos.map((p) => (
          <li key={p}>{etiquetaCampo(p)}</li>
        ))}
        {s.correccion.documentos.map((d) => (
          <li key={d}>Documento: {etiquetaDoc(d)}</li>
        ))}
      </Box>
    </Alert>
  );
}

export function ApoyoEntregado({ s }: S) {
  const e = s.entrega;
  if (!e) return null;
  return (
    <Alert severity="success" sx={{ mb: 4 }}>
      <AlertTitle component="h2" sx={{ fontSize: '1.15rem', fontWeight: 700 }}>
        Apoyo entregado
      </AlertTitle>
      Se entregó el {formatDateTime(e.fecha)} por {e.funcionario}
      {e.latitud !== null && e.longitud !== null && e.latitud !== undefined ? ` (ubicación ${e.latitud.toFixed(5)}, ${e.longitud!.toFixed(5)})` : ''}.
    </Alert>
  );
}

/** «También recibe»: the applicant's other supports in the Padrón Estatal, from any program or agency. */
export function TambienRecibe({ s }: S) {
  if (s.tambienRecibe.length === 0) return null;
  const lista = s.tambienRecibe.map((a) => `${a.programaNombre} (${a.dependencia}${a.fecha ? `, ${formatDate(a.fecha)}` : ''})`);
  return (
    <Alert severity="info" sx={{ mb: 4 }}>
      <AlertTitle component="h2" sx={{ fontSize: '1.15rem', fontWeight: 700 }}>
        También recibe
      </AlertTitle>
      {lista.join('; ')}.
    </Alert>
  );
}

/** The matcher's warning: the applicant may already be in the Padrón Estatal under another CURP. Never a block. */
export function EnPadronConOtraCurp({ s }: S) {
  const p = s.enPadronConOtraCurp;
  if (!p) return null;
  return (
    <Alert severity="warning" sx={{ mb: 4 }}>
      <AlertTitle component="h2" sx={{ fontSize: '1.15rem', fontWeight: 700 }}>
        Puede estar en el padrón con otra CURP
      </AlertTitle>
      {p.nombre}, con la CURP {p.curps.join(', ')}, se parece a quien solicita ({p.decision === 'misma' ? 'el emparejamiento dice que es la misma persona' : 'a revisión'}
      {p.motivo ? `: ${p.motivo}` : ''}; puntaje {p.puntaje.toLocaleString('es-MX', { maximumFractionDigits: 1 })}). No impide la solicitud; la revisión de duplicados del padrón decide si son la misma persona.
    </Alert>
  );
}

const motivoTexto = (m: unknown): string => (typeof m === 'string' ? m : ((m as { message?: string })?.message ?? JSON.stringify(m)));

export function Requisitos({ s }: S) {
  const e = s.elegibilidad;
  return (
    <Section id="elegibilidad-titulo" title="Requisitos">
      {!e ? (
        <Typography>Sin evaluación de requisitos.</Typography>
      ) : e.eligible ? (
        <Alert severity="success">Cumple los requisitos del programa. Puntaje de prioridad: {e.score}.</Alert>
      ) : (
        <Alert severity="warning">
          <AlertTitle>No cumple estos requisitos</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {e.reasons.map((m, i) => (
              <li key={i}>{motivoTexto(m)}</li>
            ))}
          </Box>
          <Typography sx={{ mt: 1 }}>Puntaje de prioridad: {e.score}.</Typography>
        </Alert>
      )}
    </Section>
  );
}

export function Respuestas({ s }: S) {
  const c = s.ciudadano;
  // A role without personal data gets the CURP masked, no names and no answers (runtime/API-funcionarios.md).
  const sinDatosPersonales = !c.nombre && !c.primerApellido && Object.keys(s.respuestas ?? {}).length === 0;
  return (
    <Section id="respuestas-titulo" title="Respuestas">
      {sinDatosPersonales ? (
        <Alert severity="info">Tu rol no incluye datos personales: no se muestran las respuestas ni los documentos de la persona.</Alert>
      ) : (
        <AnswersView schema={s.formulario.schema} uischema={s.formulario.uischema} data={s.respuestas} flagged={s.correccion?.campos} headingLevel={3} />
      )}
    </Section>
  );
}

export function Documentos({ s }: S) {
  return (
    <Section id="documentos-titulo" title="Documentos">
      {s.documentos.length === 0 ? (
        <Typography>La solicitud no tiene documentos.</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
          {s.documentos.map((d) => (
            <Documento key={d.id} solicitudId={s.id} d={d} />
          ))}
        </Box>
      )}
    </Section>
  );
}

export function Historial({ s }: S) {
  return (
    <Section id="historial-titulo" title="Historial">
      {s.historial.length === 0 ? (
        <Typography>Sin movimientos.</Typography>
      ) : (
        <ResponsiveTable<MovimientoHistorial & { i: number }>
          caption="Movimientos de la solicitud, del más antiguo al más reciente"
          rows={s.historial.map((h, i) => ({ ...h, i }))}
          rowKey={(r) => String(r.i)}
          columns={[
            { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
            { header: 'Fecha', cell: (r) => formatDateTime(r.fecha) },
            { header: 'Comentario', cell: (r) => r.comentario || '—' },
            { header: 'Registró', cell: (r) => `${r.actor ?? '—'}${r.capturadaEn ? ` (capturada en ${r.capturadaEn})` : ''}` },
          ]}
        />
      )}
    </Section>
  );
}
