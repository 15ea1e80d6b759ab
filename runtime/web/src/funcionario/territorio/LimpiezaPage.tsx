/**
 * «Limpieza de ubicaciones»: a reviewer starts a run over the registry's colonias, watches it go, reads
 * each colonia as written beside the catalog's colonia proposed for it, and accepts or rejects them in
 * bulk; the ones the cleaning could not tell are listed apart. Nothing changes until accepted, and the
 * text written stays beside the clave.
 */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Page, ResponsiveTable } from '../../components/common.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { enPalabras, territorioApi, type CleaningProposal, type CleaningRun } from './api.ts';

const RUN_KEY = 'sipros.limpieza';

/** The run in progress or last seen: polled every second while it runs. */
function useCorrida(): [CleaningRun | null, (c: CleaningRun) => void, string | null] {
  const [corrida, setCorrida] = useState<CleaningRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guardar = (c: CleaningRun) => {
    sessionStorage.setItem(RUN_KEY, c.id);
    setCorrida(c);
  };
  useEffect(() => {
    const id = sessionStorage.getItem(RUN_KEY);
    if (id) territorioApi.limpieza(id).then(setCorrida, () => sessionStorage.removeItem(RUN_KEY));
  }, []);
  useEffect(() => {
    if (corrida?.estado !== 'corriendo') return;
    const t = setTimeout(() => territorioApi.limpieza(corrida.id).then(setCorrida, (e: Error) => setError(e.message)), 1000);
    return () => clearTimeout(t);
  }, [corrida]);
  return [corrida, guardar, error];
}

function Avance({ corrida }: { corrida: CleaningRun }) {
  const hecho = corrida.total === 0 ? 100 : Math.round((100 * corrida.revisadas) / corrida.total);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Typography aria-live="polite">
        {corrida.estado === 'corriendo' ? `Revisando colonias: ${formatNumber(corrida.revisadas)} de ${formatNumber(corrida.total)}.` : `Limpieza ${enPalabras(corrida.estado).toLowerCase()}: ${formatNumber(corrida.revisadas)} colonias revisadas, ${formatNumber(corrida.propuestas)} con propuesta y ${formatNumber(corrida.sinResolver)} sin resolver. Aceptadas ${formatNumber(corrida.aceptadas)}, rechazadas ${formatNumber(corrida.rechazadas)}, caducadas ${formatNumber(corrida.caducadas)}.`}
      </Typography>
      {corrida.estado === 'corriendo' && <LinearProgress variant="determinate" value={hecho} aria-label="Avance de la limpieza" />}
      {corrida.error && <Alert severity="error">La limpieza falló: {corrida.error}</Alert>}
    </Box>
  );
}

function Propuestas({ corrida, onDecidida }: { corrida: CleaningRun; onDecidida: (c: CleaningRun) => void }) {
  const pendientes = useLoad(() => territorioApi.propuestas(corrida.id, 'pendiente'), [corrida.id, corrida.aceptadas, corrida.rechazadas, corrida.caducadas]);
  const [elegidas, setElegidas] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);
  const decidir = async (decision: { aceptar?: number[]; rechazar?: number[]; todas?: boolean }) => {
    setOcupado(true);
    setError(null);
    try {
      onDecidida(await territorioApi.decidir(corrida.id, decision));
      setElegidas(new Set());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setOcupado(false);
    }
  };
  const cambiar = (id: number, si: boolean) => setElegidas((s) => new Set([...s].filter((x) => x !== id).concat(si ? [id] : [])));
  if (!pendientes.data) return <ErrorAlert message={pendientes.error} />;
  if (pendientes.data.length === 0) return <Typography>No quedan propuestas por decidir.</Typography>;
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <ResponsiveTable<CleaningProposal>
        caption="Propuestas por decidir (las primeras 100)"
        rows={pendientes.data}
        rowKey={(p) => String(p.id)}
        columns={[
          { header: 'Elegir', cell: (p) => <Checkbox checked={elegidas.has(p.id)} onChange={(e) => cambiar(p.id, e.target.checked)} slotProps={{ input: { 'aria-label': `Elegir «${p.texto}»` } }} /> },
          { header: 'Como está escrita', cell: (p) => p.texto },
          { header: 'Colonia del catálogo', cell: (p) => `${p.nombre} (${p.clave})` },
          { header: 'Municipio', cell: (p) => (p.cveMunPropuesto !== p.cveMun ? `${p.municipioPropuesto} (escrito: ${p.municipioEscrito || 'ninguno'})` : p.municipioPropuesto) },
          { header: 'Por qué', cell: (p) => enPalabras(p.motivo) },
        ]}
      />
      <ErrorAlert message={error} />
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
        <Button variant="contained" disabled={ocupado || elegidas.size === 0} onClick={() => void decidir({ aceptar: [...elegidas] })}>
          Aceptar las elegidas ({elegidas.size})
        </Button>
        <Button variant="outlined" disabled={ocupado || elegidas.size === 0} onClick={() => void decidir({ rechazar: [...elegidas] })}>
          Rechazar las elegidas
        </Button>
        <Button variant="outlined" disabled={ocupado} onClick={() => void decidir({ todas: true })}>
          Aceptar todas las pendientes
        </Button>
      </Box>
    </Box>
  );
}

function SinResolver({ corrida }: { corrida: CleaningRun }) {
  const lista = useLoad(() => territorioApi.propuestas(corrida.id, 'sin_resolver'), [corrida.id]);
  if (!lista.data) return <ErrorAlert message={lista.error} />;
  if (lista.data.length === 0) return <Typography>Ninguna: la limpieza encontró la colonia de cada domicilio.</Typography>;
  return (
    <ResponsiveTable<CleaningProposal>
      caption="Sin resolver: corrígelas a mano (las primeras 100)"
      rows={lista.data}
      rowKey={(p) => String(p.id)}
      columns={[
        { header: 'Como está escrita', cell: (p) => p.texto },
        { header: 'Municipio escrito', cell: (p) => p.municipioEscrito },
        { header: 'Código postal', cell: (p) => p.codigoPostal ?? '' },
        // A point outside its municipio comes with the municipio it falls in.
        { header: 'Por qué', cell: (p) => (p.municipioPropuesto ? `${enPalabras(p.motivo)} (en ${p.municipioPropuesto})` : enPalabras(p.motivo)) },
      ]}
    />
  );
}

export function LimpiezaPage() {
  const [corrida, setCorrida, errorAvance] = useCorrida();
  const [error, setError] = useState<string | null>(null);
  const iniciar = async () => {
    setError(null);
    try {
      setCorrida(await territorioApi.iniciarLimpieza());
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Page title="Limpieza de ubicaciones" lead="Busca en el catálogo de SEPOMEX la colonia de cada persona del padrón tal como se escribió y te propone su clave; nada cambia hasta que aceptas, y el texto original se conserva.">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3, display: 'grid', gap: 2 }}>
        <Box>
          <Button variant="contained" onClick={() => void iniciar()} disabled={corrida?.estado === 'corriendo'}>
            Iniciar limpieza
          </Button>
        </Box>
        <ErrorAlert message={error ?? errorAvance} />
        {corrida && <Avance corrida={corrida} />}
      </Paper>
      {corrida?.estado === 'lista' && (
        <>
          <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
            Propuestas
          </Typography>
          <Propuestas corrida={corrida} onDecidida={setCorrida} />
          <Typography component="h2" variant="h6" sx={{ mt: 3, mb: 1 }}>
            Sin resolver
          </Typography>
          <SinResolver corrida={corrida} />
        </>
      )}
    </Page>
  );
}
