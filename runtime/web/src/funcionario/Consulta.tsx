/**
 * "Consulta ciudadana" (atención ciudadana): one person by CURP, never a list of everyone. Their
 * account, applications and deliveries, and the frequent requests at the counter: change the phone or
 * the e-mail, or send a password reset code; each with a reason that stays on the record.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import SearchIcon from '@mui/icons-material/Search';
import { validateCurp } from '../../../../engine/curp.ts';
import { ErrorAlert, Loading, Page } from '../components/common.tsx';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, type ConsultaCiudadana } from './api.ts';
import { CambioDialog, type Cambio } from './consulta/CambioDialog.tsx';
import { CuentaDeLaPersona, EntregasDeLaPersona, PadronDeLaPersona, SolicitudesDeLaPersona } from './consulta/Persona.tsx';

export function ConsultaCiudadanaPage() {
  const [params, setParams] = useSearchParams();
  const curp = params.get('curp') ?? '';
  const [texto, setTexto] = useState(curp);
  const [curpError, setCurpError] = useState<string | null>(null);
  const { data, error, reload } = useLoad<ConsultaCiudadana | null>(() => (curp ? funcionarioApi.ciudadano(curp) : Promise.resolve(null)), [curp]);
  const [cambio, setCambio] = useState<Cambio | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);

  const buscar = (e: FormEvent) => {
    e.preventDefault();
    setAviso(null);
    const r = validateCurp(texto);
    if (!r.valid) {
      setCurpError(texto.trim() ? r.errors.map((x) => x.message).join(' ') : 'Escribe la CURP de la persona.');
      document.getElementById('consulta-curp')?.focus();
      return;
    }
    setCurpError(null);
    setParams({ curp: r.curp });
  };

  const terminado = (msg: string) => {
    setCambio(null);
    setAviso(msg);
    reload();
  };

  const c = data?.cuenta;
  return (
    <Page title="Consulta ciudadana" lead="Busca a una persona por su CURP para ver su cuenta, sus solicitudes y sus entregas, o atender un cambio de teléfono, correo o contraseña.">
      <Paper
        variant="outlined"
        component="form"
        role="search"
        aria-label="Buscar persona por CURP"
        noValidate
        onSubmit={buscar}
        sx={{ p: { xs: 2, sm: 3 }, mb: 3, display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}
      >
        <TextField
          id="consulta-curp"
          label="CURP"
          required
          value={texto}
          onChange={(e) => {
            setTexto(e.target.value.toUpperCase());
            setCurpError(null);
          }}
          error={!!curpError}
          helperText={curpError ?? '18 caracteres.'}
          autoComplete="off"
          sx={{ flex: '1 1 280px', maxWidth: 420 }}
          slotProps={{ htmlInput: { spellCheck: false, maxLength: 18, style: { textTransform: 'uppercase', letterSpacing: '0.05em' } } }}
        />
        <Button type="submit" variant="contained" size="large" startIcon={<SearchIcon aria-hidden="true" />}>
          Buscar
        </Button>
      </Paper>

      <Box role="status">
        {aviso && (
          <Alert severity="success" sx={{ mb: 3 }} onClose={() => setAviso(null)}>
            {aviso}
          </Alert>
        )}
      </Box>
      <ErrorAlert message={error} />
      {curp && !data && !error && <Loading label="Buscando…" />}
      {c && data && (
        <>
          <CuentaDeLaPersona c={c} onCambio={setCambio} />
          <SolicitudesDeLaPersona solicitudes={data.solicitudes} />
          <EntregasDeLaPersona entregas={data.entregas} />
          <PadronDeLaPersona apoyos={data.padron} otraCurp={data.enPadronConOtraCurp} />
          {cambio && <CambioDialog tipo={cambio} cuenta={c} onClose={() => setCambio(null)} onDone={terminado} />}
        </>
      )}
    </Page>
  );
}
