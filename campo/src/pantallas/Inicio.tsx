/**
 * Before the app opens: the first start (sign in, download the package, choose the PIN: the package is kept
 * encrypted with it) and every later start (the PIN). Both work on a phone with the screen reader on:
 * each step is a page with its h1 and the messages are announced.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ROLE_BRIGADISTA } from '../../../engine/vocabulary.ts';
import { Page } from '../../../runtime/web/src/components/common.tsx';
import { campoApi, mensajeDePaquete, type Funcionario } from '../api.ts';
import { configurar, desbloquear, type Boveda, type Dispositivo } from '../boveda.ts';
import { guardarCatalogos } from '../catalogos.ts';
import { PinIncorrecto } from '../cifrado.ts';
import type { Paquete } from '../paquete.ts';
import { IniciarSesion } from './IniciarSesion.tsx';
import { ElegirPin, EscribirPin } from './Pin.tsx';

const caja = { p: { xs: 2, sm: 4 }, maxWidth: 560 } as const;

/** First start: who signs in, their package, then the PIN that encrypts it. */
export function Configurar({ onListo }: { onListo: (b: Boveda) => void }) {
  const [listo, setListo] = useState<{ f: Funcionario; paquete: Paquete } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [guardando, setGuardando] = useState(false);
  const conSesion = async (f: Funcionario) => {
    setError(null);
    // Said at once, before the package (the server refuses it too: it has the last word).
    if (!f.roles.includes(ROLE_BRIGADISTA)) return setError('Tu cuenta no tiene el rol de brigadista. Pide a tu coordinación que te lo asigne.');
    try {
      setListo({ f, paquete: await campoApi.paquete() });
    } catch (e) {
      setError(mensajeDePaquete(e));
    }
  };
  const conPin = async (pin: string) => {
    if (!listo) return;
    setGuardando(true);
    const b = await configurar(pin, { id: listo.f.id, nombre: listo.f.nombre, usuario: listo.f.usuario });
    await b.guardarPaquete(listo.paquete, new Date().toISOString());
    await guardarCatalogos(listo.paquete).catch(() => undefined);
    onListo(b);
  };
  if (listo) {
    return (
      <Page title="Elige tu PIN" lead={`Hola, ${listo.f.nombre}. Descargamos tu paquete de trabajo: ${listo.paquete.programas.length} programas y ${listo.paquete.visitas.length} visitas. Ahora elige el PIN de este dispositivo.`}>
        <Paper variant="outlined" sx={caja}>
          <ElegirPin onElegido={(pin) => void conPin(pin)} ocupado={guardando} />
        </Paper>
      </Page>
    );
  }
  return (
    <Page title="Configura este dispositivo" lead="Inicia sesión con tu usuario de SIPROS para descargar tu paquete de trabajo. Después podrás registrar personas aunque no haya señal.">
      <Paper variant="outlined" sx={caja}>
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 3 }}>
            {error}
          </Alert>
        )}
        <IniciarSesion onListo={conSesion} />
      </Paper>
    </Page>
  );
}

/** Every later start: the PIN opens the store; a wrong one opens nothing and says so. */
export function Desbloquear({ dispositivo, onAbierta }: { dispositivo: Dispositivo; onAbierta: (b: Boveda) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);
  const [intentos, setIntentos] = useState(0);
  const abrir = async (pin: string) => {
    setOcupado(true);
    setError(null);
    try {
      onAbierta(await desbloquear(pin));
    } catch (e) {
      setIntentos((n) => n + 1);
      setError(e instanceof PinIncorrecto ? `${e.message}${intentos >= 2 ? ' Si lo olvidaste, pide ayuda a tu coordinación antes de borrar nada: los registros sin enviar solo están en este dispositivo.' : ''}` : 'No pudimos abrir los datos de este dispositivo.');
      document.getElementById('pin')?.focus();
    } finally {
      setOcupado(false);
    }
  };
  return (
    <Page title="Escribe tu PIN" lead={`Dispositivo de ${dispositivo.brigadista.nombre}. Tus registros están guardados y cifrados en este dispositivo.`}>
      <Paper variant="outlined" sx={caja}>
        <EscribirPin onPin={(pin) => void abrir(pin)} error={error} ocupado={ocupado} />
        <Typography color="text.secondary" sx={{ mt: 3 }}>
          Funciona sin conexión.
        </Typography>
      </Paper>
    </Page>
  );
}
