/**
 * A person's record in the Padrón Estatal (role padron-revisor): every CURP, every support from any
 * program, and the merges it carries, each with «Separar», which gives both people back their own.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading, Page, ResponsiveTable, RouterLinkText } from '../../../components/common.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../../format.ts';
import { useLoad } from '../../../hooks.ts';
import { padronApi, type ApoyoEnPadron, type ExpedientePersona } from '../api.ts';
import { nombreCompleto } from './ParDuplicado.tsx';

function Fusiones({ expediente, onSeparada }: { expediente: ExpedientePersona; onSeparada: (curps: string[]) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);
  if (expediente.fusiones.length === 0) return null;
  const separar = async (id: string, curps: string[]) => {
    setOcupado(true);
    setError(null);
    try {
      await padronApi.separar(id);
      onSeparada(curps);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setOcupado(false);
    }
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="fusiones-titulo" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
      <Typography id="fusiones-titulo" component="h2" variant="h6" sx={{ mb: 1 }}>
        Fusiones
      </Typography>
      <ErrorAlert message={error} />
      {expediente.fusiones.map((f) => (
        <Box key={f.id} sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <Typography>
            Trajo la CURP {f.curps.join(', ')} el {formatDateTime(f.hechaAt)}.
          </Typography>
          <Button variant="outlined" disabled={ocupado} onClick={() => void separar(f.id, f.curps)} aria-label={`Separar la persona de la CURP ${f.curps.join(', ')}`}>
            Separar
          </Button>
        </Box>
      ))}
    </Paper>
  );
}

export function ExpedientePage() {
  const { curp = '' } = useParams();
  const { data: expediente, error, reload } = useLoad(() => padronApi.expediente(curp), [curp]);
  const [separadas, setSeparadas] = useState<string[] | null>(null);
  const persona = expediente?.persona;
  return (
    <Page title={persona ? nombreCompleto(persona) : 'Expediente en el padrón'} lead="Todas sus CURP y todos sus apoyos, de cualquier programa y dependencia.">
      <ErrorAlert message={error} />
      {!expediente && !error && <Loading />}
      {separadas && (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          Se separaron: la persona de la CURP {separadas.join(', ')} volvió a tener sus propios apoyos (<RouterLinkText to={`/funcionario/padron/expedientes/${separadas[0]}`}>ver su expediente</RouterLinkText>), y el par volvió a «Posibles duplicados».
        </Alert>
      )}
      {persona && expediente && (
        <>
          <Typography sx={{ mb: 2 }}>
            <strong>{persona.curps.length > 1 ? 'CURP registradas' : 'CURP'}:</strong> {persona.curps.join(', ')} · <strong>Nacimiento:</strong> {formatDate(persona.fechaNacimiento) || '—'} · <strong>Municipio:</strong> {persona.municipio ?? '—'}
          </Typography>
          <Fusiones
            expediente={expediente}
            onSeparada={(curps) => {
              setSeparadas(curps);
              reload();
            }}
          />
          <ResponsiveTable<ApoyoEnPadron>
            caption="Apoyos recibidos"
            rows={expediente.apoyos}
            rowKey={(a) => `${a.programa}-${a.fecha}-${a.folio ?? ''}-${expediente.apoyos.indexOf(a)}`}
            columns={[
              { header: 'Programa', cell: (a) => a.programaNombre },
              { header: 'Dependencia', cell: (a) => a.dependencia },
              { header: 'Fecha', cell: (a) => formatDate(a.fecha) || '—' },
              { header: 'Monto', cell: (a) => (a.monto === null ? '—' : formatMoney(a.monto)) },
              { header: 'Origen', cell: (a) => (a.origen === 'sipros' ? `SIPROS ${a.folio ?? ''}` : 'Carga de padrón') },
            ]}
          />
          <Box sx={{ mt: 2 }}>
            <RouterLinkText to="/funcionario/padron/duplicados">Volver a «Posibles duplicados»</RouterLinkText>
          </Box>
        </>
      )}
    </Page>
  );
}
