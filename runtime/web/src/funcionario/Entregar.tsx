/**
 * "Entregar": the official reads the beneficiary's QR (camera with jsQR, a photo of it, or its short code typed
 * or pasted: always available), checks folio, name and program, and confirms the delivery. The browser's
 * position goes with it when the official allows it; the delivery never waits for it. Parts in entregar/.
 */
import type { FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Page } from '../components/common.tsx';
import { Camara } from './entregar/Camara.tsx';
import { Confirmacion } from './entregar/Confirmacion.tsx';
import { useEntrega, type Entrega } from './entregar/useEntrega.ts';

function Lectura({ e }: { e: Entrega }) {
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void e.verificar(e.token);
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="leer-titulo" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" id="leer-titulo" sx={{ mb: 2, fontSize: '1.3rem' }}>
        1. Leer el código
      </Typography>
      <Camara onCodigo={(texto) => void e.verificar(texto)} />
      <Box component="form" noValidate onSubmit={submit}>
        <TextField
          id="token"
          inputRef={e.tokenRef}
          label="Código de entrega"
          value={e.token}
          onChange={(ev) => e.escribir(ev.target.value)}
          error={!!e.tokenError}
          helperText={e.tokenError ?? 'Si no se puede escanear, escribe el código de entrega que la persona te dicta: 10 caracteres, como K7QMX-4Z9AB (mayúsculas, espacios y guiones dan igual).'}
          autoComplete="off"
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'none', style: { fontFamily: 'ui-monospace, monospace' } } }}
        />
        <Button type="submit" variant="contained" size="large" sx={{ mt: 2 }} disabled={e.verificando}>
          {e.verificando ? 'Verificando…' : 'Verificar código'}
        </Button>
      </Box>
    </Paper>
  );
}

export function EntregarPage() {
  const e = useEntrega();
  return (
    <Page title="Entregar apoyo" lead="Lee el código QR de la persona beneficiaria, revisa que sus datos coincidan con su identificación y confirma la entrega. Cada apoyo se entrega una sola vez.">
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <Lectura e={e} />
        <Confirmacion e={e} />
      </Box>
    </Page>
  );
}
