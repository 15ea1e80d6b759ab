/**
 * The point of the visit from the phone's GPS, with its accuracy. The GPS works with no data signal; the
 * browser asks the brigadista's permission the first time. Optional: a record without a point is sent too.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import MyLocationIcon from '@mui/icons-material/MyLocation';
import type { Punto } from '../registro.ts';

const ERRORES: Record<number, string> = {
  1: 'No se dio permiso para usar la ubicación del teléfono. Puedes continuar sin ella, o permitirla en los ajustes del navegador y volver a intentar.',
  2: 'El teléfono no pudo saber dónde está. Sal a un lugar abierto, lejos de techos, e intenta de nuevo.',
  3: 'El GPS tardó demasiado en responder. Intenta de nuevo en un lugar abierto.',
};

function capturar(): Promise<Punto> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('Este teléfono no puede dar su ubicación.'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, precision: Math.round(p.coords.accuracy), capturadaEn: new Date(p.timestamp || Date.now()).toISOString() }),
      (e) => reject(new Error(ERRORES[e.code] ?? 'No pudimos obtener la ubicación.')),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 0 },
    );
  });
}

export function Ubicacion({ punto, onPunto }: { punto: Punto | null; onPunto: (p: Punto | null) => void }) {
  const [buscando, setBuscando] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tomar = async () => {
    setBuscando(true);
    setError(null);
    try {
      onPunto(await capturar());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBuscando(false);
    }
  };
  return (
    <Box component="section" aria-labelledby="ubicacion-titulo">
      <Typography variant="h2" id="ubicacion-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Ubicación de la vivienda
      </Typography>
      <Typography sx={{ mb: 2 }}>
        Con el permiso de la persona, guarda el punto donde está su vivienda: sirve para confirmar la visita y para que el programa llegue a su localidad. Usa el GPS del teléfono, que funciona aunque no haya señal de datos.
      </Typography>
      <Button variant="outlined" size="large" startIcon={<MyLocationIcon aria-hidden="true" />} onClick={() => void tomar()} disabled={buscando}>
        {buscando ? 'Buscando la ubicación…' : punto ? 'Capturar otra vez' : 'Capturar ubicación'}
      </Button>
      <Box role="status" sx={{ mt: 1.5 }}>
        {punto && (
          <Typography>
            Ubicación capturada: latitud {punto.lat.toFixed(5)}, longitud {punto.lng.toFixed(5)} (precisión de unos {punto.precision} m).
          </Typography>
        )}
      </Box>
      {error && (
        <Alert severity="warning" role="alert" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {punto && (
        <Button variant="text" onClick={() => onPunto(null)} sx={{ mt: 1 }}>
          Quitar la ubicación
        </Button>
      )}
    </Box>
  );
}
