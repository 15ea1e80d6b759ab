/**
 * "Entregar": the official reads the beneficiary's QR (camera with jsQR, a photo of it, or its short code typed
 * or pasted: always available), checks folio, name and program, and confirms the delivery. The browser's
 * position goes with it when the official allows it; the delivery never waits for it.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import jsQR from 'jsqr';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CameraAltIcon from '@mui/icons-material/CameraAlt';
import PhotoIcon from '@mui/icons-material/Photo';
import StopIcon from '@mui/icons-material/Stop';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { ApiError, messageOf } from '../api.ts';
import { Page, StatusChip, visuallyHidden } from '../components/common.tsx';
import { formatDateTime } from '../format.ts';
import { funcionarioApi, type EntregaRegistrada, type Verificacion } from './api.ts';
import { DataList } from './common.tsx';

type Posicion = { latitud: number; longitud: number; precision?: number };

/** A QR's text in an image (ImageData); null when there is none. */
function leerQr(image: ImageData): string | null {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Draws a frame or picture scaled down to at most `max` pixels wide, and reads it. */
function leerDe(source: CanvasImageSource, width: number, height: number, canvas: HTMLCanvasElement, max = 800): string | null {
  const scale = Math.min(1, max / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return leerQr(ctx.getImageData(0, 0, canvas.width, canvas.height));
}

function yaEntregada(e: { fecha: string; funcionario: string }): string {
  return `Ya se entregó el ${formatDateTime(e.fecha)} por ${e.funcionario}.`;
}

function Camara({ onCodigo }: { onCodigo: (texto: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const frame = useRef(0);
  const [activa, setActiva] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fotoError, setFotoError] = useState<string | null>(null);
  const foto = useRef<HTMLInputElement>(null);

  const detener = useCallback(() => {
    cancelAnimationFrame(frame.current);
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setActiva(false);
  }, []);

  useEffect(() => detener, [detener]);

  const escanear = () => {
    const v = video.current;
    const c = canvas.current;
    if (!v || !c || !stream.current) return;
    if (v.readyState >= v.HAVE_ENOUGH_DATA && v.videoWidth > 0) {
      const texto = leerDe(v, v.videoWidth, v.videoHeight, c, 640);
      if (texto) {
        detener();
        onCodigo(texto);
        return;
      }
    }
    frame.current = requestAnimationFrame(escanear);
  };

  const iniciar = async () => {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError('Este navegador no permite usar la cámara aquí. Escribe o pega el código debajo.');
      return;
    }
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      setActiva(true);
      const v = video.current!;
      v.srcObject = stream.current;
      await v.play();
      frame.current = requestAnimationFrame(escanear);
    } catch (e) {
      detener();
      const name = (e as { name?: string })?.name;
      setError(
        name === 'NotAllowedError'
          ? 'No diste permiso para usar la cámara. Puedes permitirlo en la configuración del navegador, o escribir el código debajo.'
          : name === 'NotFoundError'
            ? 'No encontramos una cámara en este equipo. Escribe o pega el código debajo.'
            : 'No se pudo abrir la cámara. Escribe o pega el código debajo.',
      );
    }
  };

  const leerFoto = async (file: File | undefined) => {
    setFotoError(null);
    if (!file || !canvas.current) return;
    try {
      const bitmap = await createImageBitmap(file);
      const texto = leerDe(bitmap, bitmap.width, bitmap.height, canvas.current, 1200);
      bitmap.close();
      if (texto) onCodigo(texto);
      else setFotoError('No encontramos un código QR en esa foto. Acércate, que salga completo y sin reflejos, o escribe el código.');
    } catch {
      setFotoError('No se pudo leer esa imagen. Prueba con otra foto o escribe el código.');
    } finally {
      if (foto.current) foto.current.value = '';
    }
  };

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 2 }}>
        {!activa ? (
          <Button variant="contained" size="large" startIcon={<CameraAltIcon aria-hidden="true" />} onClick={iniciar}>
            Escanear con la cámara
          </Button>
        ) : (
          <Button variant="outlined" size="large" startIcon={<StopIcon aria-hidden="true" />} onClick={detener}>
            Detener la cámara
          </Button>
        )}
        <Button variant="outlined" size="large" startIcon={<PhotoIcon aria-hidden="true" />} onClick={() => foto.current?.click()}>
          Leer de una foto
        </Button>
        <input
          ref={foto}
          id="qr-foto"
          type="file"
          accept="image/*"
          capture="environment"
          tabIndex={-1}
          aria-label="Foto del código QR"
          style={hidden}
          onChange={(e) => void leerFoto(e.target.files?.[0])}
        />
      </Stack>
      {error && (
        <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {fotoError && (
        <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
          {fotoError}
        </Alert>
      )}
      <Box hidden={!activa} sx={{ mb: 2 }}>
        <Typography role="status" sx={{ mb: 1 }}>
          {activa ? 'Apunta la cámara al código QR; lo leeremos solos.' : ''}
        </Typography>
        <Box component="video" ref={video} muted playsInline aria-label="Vista de la cámara" sx={{ width: '100%', maxWidth: 480, borderRadius: 1, bgcolor: '#000', display: 'block' }} />
      </Box>
      <canvas ref={canvas} hidden />
    </Box>
  );
}

const hidden: React.CSSProperties = { ...visuallyHidden };

export function EntregarPage() {
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [verificando, setVerificando] = useState(false);
  const [verificacion, setVerificacion] = useState<Verificacion | null>(null);
  const [tokenVerificado, setTokenVerificado] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmando, setConfirmando] = useState(false);
  const [entregada, setEntregada] = useState<EntregaRegistrada | null>(null);
  const [repetida, setRepetida] = useState<string | null>(null);
  const [posicion, setPosicion] = useState<Posicion | null>(null);
  const [ubicacion, setUbicacion] = useState<string>('');
  const resultadoRef = useRef<HTMLDivElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (verificacion || entregada || error) resultadoRef.current?.focus();
  }, [verificacion, entregada, error]);

  /** Asks for the position in the background; the delivery goes with or without it. */
  const pedirUbicacion = () => {
    if (!('geolocation' in navigator)) {
      setUbicacion('Este navegador no da la ubicación; la entrega se registra sin ella.');
      return;
    }
    setUbicacion('Obteniendo la ubicación…');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosicion({ latitud: p.coords.latitude, longitud: p.coords.longitude, precision: Math.round(p.coords.accuracy) });
        setUbicacion(`Ubicación lista (precisión de ${Math.round(p.coords.accuracy)} m); se guardará con la entrega.`);
      },
      (e) => {
        console.warn(`Ubicación no disponible (${e.code}): ${e.message}`);
        setUbicacion('Sin ubicación (no se dio permiso o no está disponible); la entrega se registra sin ella.');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 120_000 },
    );
  };

  const verificar = async (valor: string) => {
    const limpio = valor.replace(/\s+/g, '');
    setToken(limpio);
    setError(null);
    setEntregada(null);
    setRepetida(null);
    setVerificacion(null);
    if (!limpio) {
      setTokenError('Escribe o pega el código que aparece debajo del QR.');
      tokenRef.current?.focus();
      return;
    }
    setTokenError(null);
    setVerificando(true);
    try {
      const v = await funcionarioApi.verificarEntrega(limpio);
      setVerificacion(v);
      setTokenVerificado(limpio);
      if (!v.entregada && !posicion) pedirUbicacion();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setVerificando(false);
    }
  };

  const confirmar = async () => {
    if (!verificacion) return;
    setConfirmando(true);
    setError(null);
    try {
      const r = await funcionarioApi.entregar(tokenVerificado, posicion);
      setEntregada(r);
      setVerificacion(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_DELIVERED') {
        const d = e.details as { fecha?: string; funcionario?: string } | undefined;
        setRepetida(d?.fecha ? yaEntregada({ fecha: d.fecha, funcionario: d.funcionario ?? 'otro funcionario' }) : e.message);
        setVerificacion(null);
      } else setError(messageOf(e));
    } finally {
      setConfirmando(false);
    }
  };

  const otra = () => {
    setToken('');
    setTokenVerificado('');
    setVerificacion(null);
    setEntregada(null);
    setRepetida(null);
    setError(null);
    setTimeout(() => tokenRef.current?.focus(), 0);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void verificar(token);
  };

  const previa = verificacion?.entregada ? yaEntregada(verificacion.entregada) : null;

  return (
    <Page title="Entregar apoyo" lead="Lee el código QR de la persona beneficiaria, revisa que sus datos coincidan con su identificación y confirma la entrega. Cada apoyo se entrega una sola vez.">
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <Paper variant="outlined" component="section" aria-labelledby="leer-titulo" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" id="leer-titulo" sx={{ mb: 2, fontSize: '1.3rem' }}>
            1. Leer el código
          </Typography>
          <Camara onCodigo={(texto) => void verificar(texto)} />
          <Box component="form" noValidate onSubmit={submit}>
            <TextField
              id="token"
              inputRef={tokenRef}
              label="Código de entrega"
              value={token}
              onChange={(e) => {
                setToken(e.target.value);
                setTokenError(null);
              }}
              error={!!tokenError}
              helperText={tokenError ?? 'Si no se puede escanear, escribe el código de entrega que la persona te dicta: 10 caracteres, como K7QMX-4Z9AB (mayúsculas, espacios y guiones dan igual).'}
              autoComplete="off"
              slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'none', style: { fontFamily: 'ui-monospace, monospace' } } }}
            />
            <Button type="submit" variant="contained" size="large" sx={{ mt: 2 }} disabled={verificando}>
              {verificando ? 'Verificando…' : 'Verificar código'}
            </Button>
          </Box>
        </Paper>

        <Paper variant="outlined" component="section" aria-labelledby="resultado-titulo" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" id="resultado-titulo" sx={{ mb: 2, fontSize: '1.3rem' }}>
            2. Confirmar la entrega
          </Typography>
          <Box ref={resultadoRef} tabIndex={-1} sx={{ '&:focus': { outline: 'none' } }}>
            {!verificacion && !entregada && !repetida && !error && <Typography color="text.secondary">Aquí verás el folio, el nombre y el programa cuando leas un código.</Typography>}
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
            {verificacion && (
              <Box data-verificacion>
                <DataList
                  items={[
                    ['Folio', <strong key="f">{verificacion.folio}</strong>],
                    ['Nombre', verificacion.nombre],
                    ['Programa', verificacion.programaNombre],
                    ['Qué entregar', <strong key="a">{`${verificacion.apoyo.tipo}: ${verificacion.apoyo.detalle}`}</strong>],
                    ['Estado', <StatusChip key="e" estado={verificacion.estado} />],
                  ]}
                />
                {previa ? (
                  <Alert severity="warning" variant="filled" role="alert" sx={{ mt: 2 }}>
                    <AlertTitle>No entregues de nuevo</AlertTitle>
                    {previa}
                  </Alert>
                ) : (
                  <>
                    <Typography sx={{ mt: 2 }}>
                      Pide una identificación y revisa que el nombre coincida. Entrega {verificacion.apoyo.tipo} ({verificacion.apoyo.detalle}) y después confirma.
                    </Typography>
                    <Typography role="status" color="text.secondary" sx={{ mt: 1, fontSize: '0.95rem' }}>
                      {ubicacion}
                    </Typography>
                    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mt: 2 }}>
                      <Button variant="contained" color="success" size="large" onClick={confirmar} disabled={confirmando}>
                        {confirmando ? 'Registrando…' : 'Confirmar entrega'}
                      </Button>
                      <Button variant="outlined" size="large" onClick={otra} disabled={confirmando}>
                        Cancelar
                      </Button>
                    </Stack>
                  </>
                )}
              </Box>
            )}
            {entregada && (
              <Alert severity="success" icon={<CheckCircleIcon aria-hidden="true" />} role="status">
                <AlertTitle>Entrega registrada</AlertTitle>
                Folio {entregada.folio}: entregado el {formatDateTime(entregada.entregada.fecha)} por {entregada.entregada.funcionario}. Se entregó {entregada.apoyo.tipo} ({entregada.apoyo.detalle}).
              </Alert>
            )}
            {repetida && (
              <Alert severity="warning" variant="filled" role="alert">
                <AlertTitle>Este apoyo ya se había entregado</AlertTitle>
                {repetida}
              </Alert>
            )}
            {(entregada || repetida || previa || error) && (
              <Button variant="contained" sx={{ mt: 2 }} onClick={otra}>
                Leer otro código
              </Button>
            )}
          </Box>
        </Paper>
      </Box>
    </Page>
  );
}
