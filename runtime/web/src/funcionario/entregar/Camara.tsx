/** Reading the QR: with the camera (jsQR on each frame) or from a photo of it. */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import jsQR from 'jsqr';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CameraAltIcon from '@mui/icons-material/CameraAlt';
import PhotoIcon from '@mui/icons-material/Photo';
import StopIcon from '@mui/icons-material/Stop';
import { visuallyHidden } from '../../components/common.tsx';

const hidden: CSSProperties = { ...visuallyHidden };

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

function cameraProblem(e: unknown): string {
  const name = (e as { name?: string })?.name;
  if (name === 'NotAllowedError') return 'No diste permiso para usar la cámara. Puedes permitirlo en la configuración del navegador, o escribir el código debajo.';
  if (name === 'NotFoundError') return 'No encontramos una cámara en este equipo. Escribe o pega el código debajo.';
  return 'No se pudo abrir la cámara. Escribe o pega el código debajo.';
}

/** The camera's stream, scanned frame by frame until a QR is read. */
function useCamara(canvas: RefObject<HTMLCanvasElement | null>, onCodigo: (texto: string) => void) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const frame = useRef(0);
  const [activa, setActiva] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
      setError(cameraProblem(e));
    }
  };
  return { video, activa, error, iniciar, detener };
}

/** A photo of the QR, read in the browser. */
function useFoto(canvas: RefObject<HTMLCanvasElement | null>, onCodigo: (texto: string) => void) {
  const [fotoError, setFotoError] = useState<string | null>(null);
  const foto = useRef<HTMLInputElement>(null);
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
  return { foto, fotoError, leerFoto };
}

function Aviso({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
      {message}
    </Alert>
  );
}

export function Camara({ onCodigo }: { onCodigo: (texto: string) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const cam = useCamara(canvas, onCodigo);
  const { foto, fotoError, leerFoto } = useFoto(canvas, onCodigo);
  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 2 }}>
        {!cam.activa ? (
          <Button variant="contained" size="large" startIcon={<CameraAltIcon aria-hidden="true" />} onClick={cam.iniciar}>
            Escanear con la cámara
          </Button>
        ) : (
          <Button variant="outlined" size="large" startIcon={<StopIcon aria-hidden="true" />} onClick={cam.detener}>
            Detener la cámara
          </Button>
        )}
        <Button variant="outlined" size="large" startIcon={<PhotoIcon aria-hidden="true" />} onClick={() => foto.current?.click()}>
          Leer de una foto
        </Button>
        <input ref={foto} id="qr-foto" type="file" accept="image/*" capture="environment" tabIndex={-1} aria-label="Foto del código QR" style={hidden} onChange={(e) => void leerFoto(e.target.files?.[0])} />
      </Stack>
      <Aviso message={cam.error} />
      <Aviso message={fotoError} />
      <Box hidden={!cam.activa} sx={{ mb: 2 }}>
        <Typography role="status" sx={{ mb: 1 }}>
          {cam.activa ? 'Apunta la cámara al código QR; lo leeremos solos.' : ''}
        </Typography>
        <Box component="video" ref={cam.video} muted playsInline aria-label="Vista de la cámara" sx={{ width: '100%', maxWidth: 480, borderRadius: 1, bgcolor: '#000', display: 'block' }} />
      </Box>
      <canvas ref={canvas} hidden />
    </Box>
  );
}
