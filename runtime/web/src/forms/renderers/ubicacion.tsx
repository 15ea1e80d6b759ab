/**
 * The optional point of an address, folded away until the person opens «Agregar la ubicación de mi casa
 * (opcional)»: from the phone's location, asked only after she reads what it is for and presses «Usar mi
 * ubicación», or a pin she puts on the map of her municipio (loaded only then: ubicacion/MapaMunicipio.tsx).
 * Its words (ubicacion/palabras.ts) speak of «tu casa», or of «el domicilio» inside an address asked as a
 * question.
 * Kept beside the address as latitud, longitud and, from the phone, precision in metres; «Quitar la
 * ubicación» removes all three. Used where a form's uischema marks the latitud `ubicacion`.
 */
import { lazy, Suspense, useContext, useId, useState, type ReactNode } from 'react';
import { Resolve, type ControlProps, type JsonSchema } from '@jsonforms/core';
import { useJsonForms } from '@jsonforms/react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { BloqueMontado, fieldState, Flagged, HeadingLevel, useHelp } from './comun.tsx';
import { CASA, DOMICILIO, mensajeDeUbicacion, puntoDelTelefono } from './ubicacion/palabras.ts';
import { hermano, limitesDe, puntoDe, puntoEnTexto, type Punto } from './ubicacion/punto.ts';

const MapaMunicipio = lazy(() => import('./ubicacion/MapaMunicipio.tsx'));

/** The phone's reading: fresh, as precise as it can, and not waiting forever. */
const LECTURA: PositionOptions = { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 };

/** A heading at the form's next level (the outline stays in order), small: it titles one way of a single optional answer. */
function Subtitulo({ level, children }: { level: number; children: ReactNode }) {
  const tag = `h${Math.min(6, Math.max(2, level))}` as 'h3';
  return (
    <Typography component={tag} sx={{ fontWeight: 700, fontSize: '1.05rem', mt: 2, mb: 0.5 }}>
      {children}
    </Typography>
  );
}

export function LocationControl(props: ControlProps) {
  const { path, enabled, visible, config, errors, rootSchema, uischema, handleChange, data } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, undefined, errors, flagged);
  const level = useContext(HeadingLevel);
  const ids = useId();
  const lugar = useContext(BloqueMontado) === null ? CASA : DOMICILIO;
  const answers = useJsonForms().core?.data as unknown;
  const [abierto, setAbierto] = useState(false);
  const [conMapa, setConMapa] = useState(false);
  const [estado, setEstado] = useState('');
  if (!visible || !shown) return null;

  const vecino = (name: string) => Resolve.data(answers, hermano(path, name)) as unknown;
  const punto = puntoDe(data, vecino('longitud'), vecino('precision'));
  const cveMun = typeof vecino('municipio') === 'string' ? (vecino('municipio') as string) : '';
  const cveLocalidad = typeof vecino('cve_localidad') === 'string' ? (vecino('cve_localidad') as string) : undefined;
  const scope = (uischema as { scope?: string }).scope ?? '';
  const campo = (name: string) => Resolve.schema(rootSchema, scope.replace(/[^/]+$/, name), rootSchema) as JsonSchema | undefined;
  const limites = limitesDe(campo('latitud'), campo('longitud'), campo('precision'));

  const guardar = (p: Punto | null) => {
    handleChange(path, p?.latitud);
    handleChange(hermano(path, 'longitud'), p?.longitud);
    handleChange(hermano(path, 'precision'), p?.precision);
  };
  const usarTelefono = () => {
    if (!('geolocation' in navigator)) return setEstado(mensajeDeUbicacion('sin-soporte', lugar));
    setEstado('Buscando tu ubicación… Si tu teléfono te pregunta, elige «Permitir».');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const leido = puntoDelTelefono(position.coords, limites, lugar);
        if ('rechazo' in leido) return setEstado(leido.rechazo);
        guardar(leido.punto);
        setEstado(leido.aviso);
      },
      (error) => setEstado(mensajeDeUbicacion(error.code, lugar)),
      LECTURA,
    );
  };
  const quitar = () => {
    guardar(null);
    setEstado('Quitamos la ubicación.');
  };

  return (
    <Flagged flagged={flagged}>
      <Button
        id={id}
        variant="text"
        aria-expanded={abierto}
        aria-controls={`${ids}-panel`}
        onClick={() => setAbierto(!abierto)}
        endIcon={<ExpandMoreIcon aria-hidden="true" sx={{ transform: abierto ? 'rotate(180deg)' : 'none' }} />}
        sx={{ px: 0, fontWeight: 700, textAlign: 'left' }}
      >
        {punto ? lugar.titulo : lugar.agregar}
      </Button>
      {punto && !abierto && <Typography sx={{ mt: 0.5 }}>{`Guardada: ${puntoEnTexto(punto)}.`}</Typography>}
      {help.node}
      <Box id={`${ids}-panel`} hidden={!abierto} sx={{ mt: 1, pl: { xs: 0, sm: 2 }, borderLeft: { xs: 'none', sm: '3px solid #e2dcdf' } }}>
        <Typography>{`Si quieres, agrega dónde está ${lugar.nombre}: sirve cuando la dirección no basta para llegar. Solo se guarda con tu solicitud.`}</Typography>
        <Subtitulo level={level}>Con la ubicación de tu teléfono</Subtitulo>
        <Typography id={`${ids}-consentimiento`}>
          {`Al tocar «Usar mi ubicación», tu teléfono te pedirá permiso para decirnos dónde estás, una sola vez. Hazlo estando en ${lugar.nombre}. No seguimos tu ubicación: solo guardamos ese punto.`}
        </Typography>
        <Button variant="outlined" sx={{ mt: 1 }} disabled={!editable} aria-describedby={`${ids}-consentimiento`} onClick={usarTelefono}>
          Usar mi ubicación
        </Button>
        <Subtitulo level={level}>{lugar.mapa}</Subtitulo>
        {cveMun === '' ? (
          <Typography>{`Elige primero ${lugar.municipio} (arriba) para ver su mapa.`}</Typography>
        ) : conMapa ? (
          <Suspense fallback={<Typography color="text.secondary">Cargando el mapa…</Typography>}>
            <MapaMunicipio cveMun={cveMun} cveLocalidad={cveLocalidad} punto={punto} limites={limites} lugar={lugar} enabled={editable} onPunto={(p) => { guardar(p); setEstado(''); }} />
          </Suspense>
        ) : (
          <Button variant="outlined" disabled={!editable} onClick={() => setConMapa(true)}>
            {lugar.marcar}
          </Button>
        )}
        <Typography role="status" sx={{ mt: 1.5 }}>
          {estado}
        </Typography>
        {punto && (
          <Box sx={{ mt: 1 }}>
            {!conMapa && <Typography>{`Ubicación guardada: ${puntoEnTexto(punto)}.`}</Typography>}
            <Button color="error" variant="text" sx={{ px: 0 }} disabled={!editable} onClick={quitar}>
              Quitar la ubicación
            </Button>
          </Box>
        )}
      </Box>
    </Flagged>
  );
}
