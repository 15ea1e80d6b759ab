/** The field app's frame: a skip link, the header (app name, network state, who is signed in, «Bloquear») and the main area. */
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useEnLinea } from './red.ts';

const blanco = { color: '#fff', borderColor: 'rgba(255,255,255,0.8)', minHeight: 44, '&:hover': { borderColor: '#fff', bgcolor: 'rgba(255,255,255,0.12)' }, '&.Mui-focusVisible': { outline: '3px solid #fff' } };

function EstadoDeRed() {
  const enLinea = useEnLinea();
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, fontWeight: 600 }}>
      {enLinea ? <CloudDoneIcon aria-hidden="true" /> : <CloudOffIcon aria-hidden="true" />}
      {enLinea ? 'Con conexión' : 'Sin conexión'}
    </Box>
  );
}

export function Marco({ quien, onBloquear, children }: { quien?: string; onBloquear?: () => void; children: ReactNode }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Box
        component="a"
        href="#contenido"
        sx={{ position: 'absolute', left: 8, top: -100, zIndex: 2000, bgcolor: '#fff', color: 'primary.main', px: 2, py: 1, fontWeight: 700, '&:focus': { top: 8, outline: '3px solid #0b5c9e' } }}
      >
        Saltar al contenido principal
      </Box>
      <Box component="header" sx={{ bgcolor: 'primary.main', color: '#fff' }}>
        <Container maxWidth="md" sx={{ py: 1.25, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography component="p" sx={{ fontWeight: 800, fontSize: '1.2rem', mr: 'auto' }}>
            SIPROS Campo
          </Typography>
          <EstadoDeRed />
          {quien && <Typography sx={{ display: { xs: 'none', sm: 'block' } }}>{quien}</Typography>}
          {quien && (
            <Button component={RouterLink} to="/" variant="outlined" sx={blanco}>
              Registros
            </Button>
          )}
          {onBloquear && (
            <Button variant="outlined" onClick={onBloquear} sx={blanco}>
              Bloquear
            </Button>
          )}
        </Container>
      </Box>
      <Container component="main" id="contenido" tabIndex={-1} maxWidth="md" sx={{ flex: 1, py: { xs: 2.5, md: 4 }, px: { xs: 2, sm: 3 }, '&:focus': { outline: 'none' } }}>
        {children}
      </Container>
    </Box>
  );
}
