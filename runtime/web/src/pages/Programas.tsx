import { Link as RouterLink, useParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api, type ProgramaDetalle, type ProgramaResumen } from '../api.ts';
import { ErrorAlert, Loading, Page } from '../components/common.tsx';
import { formatBytes, formatLongDate, formatMoney, listaO, mediaTypeLabel } from '../format.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../hooks.ts';

export function ConvocatoriaChip({ programa }: { programa: ProgramaResumen }) {
  const c = programa.convocatoria;
  if (c.estado === 'abierta') return <Chip color="success" label={`Abierta hasta el ${formatLongDate(c.cierra)}`} sx={{ fontWeight: 700, height: 'auto', py: 0.5, '& .MuiChip-label': { whiteSpace: 'normal' } }} />;
  if (c.estado === 'proxima') return <Chip color="info" label={`Abre el ${formatLongDate(c.abre)}`} sx={{ fontWeight: 700, height: 'auto', py: 0.5, '& .MuiChip-label': { whiteSpace: 'normal' } }} />;
  return <Chip label={`Cerrada desde el ${formatLongDate(c.cierra)}`} sx={{ fontWeight: 700, height: 'auto', py: 0.5, '& .MuiChip-label': { whiteSpace: 'normal' } }} />;
}

function apoyoTexto(a: ProgramaResumen['apoyos'][number]): string {
  return a.monto ? `${a.nombre}: ${formatMoney(a.monto)}` : a.nombre;
}

function ProgramCard({ programa, solicitar }: { programa: ProgramaResumen; solicitar: boolean }) {
  const headingId = `programa-${programa.id}`;
  return (
    <Paper component="article" aria-labelledby={headingId} variant="outlined" sx={{ p: { xs: 2, sm: 3 }, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Typography variant="h2" id={headingId} sx={{ fontSize: '1.35rem' }}>
        {programa.nombre}
      </Typography>
      <Typography color="text.secondary" sx={{ fontSize: '0.95rem' }}>
        {programa.dependencia}
      </Typography>
      <Box>
        <ConvocatoriaChip programa={programa} />
      </Box>
      {programa.descripcion && <Typography>{programa.descripcion}</Typography>}
      {programa.apoyos.length > 0 && (
        <Box>
          <Typography component="p" sx={{ fontWeight: 700 }}>
            Apoyos:
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {programa.apoyos.map((a) => (
              <li key={a.id}>{apoyoTexto(a)}</li>
            ))}
          </Box>
        </Box>
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mt: 'auto', pt: 1 }}>
        {solicitar && programa.convocatoria.estado === 'abierta' && (
          <Button variant="contained" component={RouterLink} to={`/solicitar/${programa.id}`} aria-label={`Solicitar ${programa.nombre}`}>
            Solicitar
          </Button>
        )}
        <Button variant="outlined" component={RouterLink} to={`/programas/${programa.id}`} aria-label={`Ver detalles de ${programa.nombre}`}>
          Ver detalles
        </Button>
      </Stack>
    </Paper>
  );
}

function ProgramGrid({ programas, solicitar }: { programas: ProgramaResumen[]; solicitar: boolean }) {
  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
      {programas.map((p) => (
        <ProgramCard key={p.id} programa={p} solicitar={solicitar} />
      ))}
    </Box>
  );
}

export function InicioPage() {
  const { data, error } = useLoad(() => api.programas(), []);
  const { cuenta } = useSession();
  return (
    <Page
      title="Catálogo de programas"
      heading="Programas sociales"
      lead="Consulta los programas sociales del Gobierno del Estado, sus requisitos y convocatorias. Con una sola cuenta puedes solicitar los apoyos y seguir tus solicitudes."
    >
      {cuenta === null && (
        <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 4, bgcolor: '#fbf5f7' }}>
          <Typography variant="h2" sx={{ fontSize: '1.25rem', mb: 1 }}>
            ¿Primera vez en SIPROS?
          </Typography>
          <Typography sx={{ mb: 2 }}>Crea tu cuenta con tu CURP y tu teléfono celular. Después podrás solicitar cualquier apoyo con convocatoria abierta.</Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <Button variant="contained" component={RouterLink} to="/crear-cuenta">
              Crear cuenta
            </Button>
            <Button variant="outlined" component={RouterLink} to="/iniciar-sesion">
              Ya tengo cuenta: iniciar sesión
            </Button>
          </Stack>
        </Paper>
      )}
      <ErrorAlert message={error} title="No pudimos cargar los programas" />
      {!data && !error && <Loading label="Cargando programas…" />}
      {data && data.length === 0 && <Typography>Por ahora no hay programas publicados.</Typography>}
      {data && data.length > 0 && <ProgramGrid programas={data} solicitar />}
    </Page>
  );
}

export function ApoyosPage() {
  const { data, error } = useLoad(() => api.convocatoriasAbiertas(), []);
  return (
    <Page title="Apoyos disponibles" lead="Estas convocatorias están abiertas ahora. Elige un apoyo y presiona «Solicitar» para llenar tu solicitud; puedes guardarla y continuarla después.">
      <ErrorAlert message={error} title="No pudimos cargar las convocatorias" />
      {!data && !error && <Loading label="Cargando convocatorias…" />}
      {data && data.length === 0 && <Typography>En este momento no hay convocatorias abiertas. Vuelve pronto.</Typography>}
      {data && data.length > 0 && <ProgramGrid programas={data} solicitar />}
    </Page>
  );
}

export function ProgramaPage() {
  const { id = '' } = useParams();
  const { data, error } = useLoad<ProgramaDetalle>(() => api.programa(id), [id]);
  if (error) {
    return (
      <Page title="Programa">
        <ErrorAlert message={error} />
      </Page>
    );
  }
  if (!data) return <Loading label="Cargando el programa…" />;
  return (
    <Page title={data.nombre} lead={data.descripcion}>
      <Stack spacing={3}>
        <Box>
          <ConvocatoriaChip programa={data} />
          <Typography sx={{ mt: 1 }}>{data.dependencia}</Typography>
        </Box>
        {data.objetivo && (
          <section aria-labelledby="objetivo">
            <Typography variant="h2" id="objetivo" sx={{ mb: 1 }}>
              ¿A quién va dirigido?
            </Typography>
            <Typography>{data.objetivo}</Typography>
          </section>
        )}
        <section aria-labelledby="apoyos">
          <Typography variant="h2" id="apoyos" sx={{ mb: 1 }}>
            Apoyos
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {data.apoyos.map((a) => (
              <li key={a.id}>
                <strong>{apoyoTexto(a)}</strong>
                {a.descripcion ? `. ${a.descripcion}` : ''}
              </li>
            ))}
          </Box>
        </section>
        <section aria-labelledby="requisitos">
          <Typography variant="h2" id="requisitos" sx={{ mb: 1 }}>
            Requisitos
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {data.requisitos.map((r) => (
              <li key={r.id}>{r.mensaje}</li>
            ))}
          </Box>
        </section>
        <section aria-labelledby="documentos">
          <Typography variant="h2" id="documentos" sx={{ mb: 1 }}>
            Documentos
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {data.documentos.map((d) => (
              <li key={d.id}>
                <strong>{d.nombre}</strong> ({d.obligatorio ? 'obligatorio' : d.condicional ? 'según tu caso' : 'opcional'}; {listaO(d.tipos.map(mediaTypeLabel))}, hasta {formatBytes(d.tamanoMaximo)})
                {d.descripcion ? `. ${d.descripcion}` : ''}
              </li>
            ))}
          </Box>
        </section>
        <Typography>
          La convocatoria abre el {formatLongDate(data.convocatoria.abre)} y cierra el {formatLongDate(data.convocatoria.cierra)}.
        </Typography>
        {data.convocatoria.estado === 'abierta' && (
          <Box>
            <Button variant="contained" size="large" component={RouterLink} to={`/solicitar/${data.id}`}>
              Solicitar {data.nombre}
            </Button>
          </Box>
        )}
      </Stack>
    </Page>
  );
}

