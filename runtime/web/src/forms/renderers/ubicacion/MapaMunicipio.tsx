/**
 * The map of the person's municipio where she marks her home: the outline and its localidades drawn from
 * the project's own data (no tiles, no outside service), a click or tap puts the pin, the arrow keys move it
 * (Shift: farther; + and −: closer, farther), and the coordinates are written below. Loaded only when she
 * asks for the map (d3-geo stays out of the form's first download).
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { MapaMunicipio as Mapa } from '../../../../../api/territorio.ts';
import { request } from '../../../api.ts';
import { useLoad } from '../../../hooks.ts';
import { conNombre, conPuntoVisible, dentroDelMunicipio, desplazamiento, enDibujo, escala, LADO, movido, municipio, otroZoom, proyeccion, puntoEn, trazo, vistaInicial, ZOOMS, type Municipio, type Vista } from './mapa.ts';
import type { Lugar } from './palabras.ts';
import { dentro, puntoEnTexto, type Limites, type Punto } from './punto.ts';

export interface MapaProps {
  cveMun: string;
  cveLocalidad?: string;
  punto: Punto | null;
  limites: Limites;
  lugar: Lugar;
  onPunto: (p: Punto) => void;
  enabled: boolean;
}

export default function MapaMunicipio(props: MapaProps) {
  const { data, error } = useLoad(() => request<Mapa>('GET', `/catalogos/municipios/${props.cveMun}/mapa`), [props.cveMun]);
  const m = useMemo(() => (data ? municipio(data) : null), [data]);
  if (error) return <Typography role="alert">{`No pudimos cargar el mapa de ${props.lugar.municipio}: ${error} Puedes usar la ubicación de tu teléfono.`}</Typography>;
  if (!m) return <Typography color="text.secondary">Cargando el mapa…</Typography>;
  return <Dibujo key={m.mapa.clave} m={m} {...props} />;
}

function Dibujo({ m, cveLocalidad, punto, limites, lugar, onPunto, enabled }: MapaProps & { m: Municipio }) {
  const [elegida, setVista] = useState<Vista>(() => vistaInicial(m, punto, cveLocalidad));
  const [aviso, setAviso] = useState('');
  const svg = useRef<SVGSVGElement>(null);
  const ids = useId();
  const vista = conPuntoVisible(m, elegida, punto);
  const p = proyeccion(m, vista);
  const nombradas = conNombre(p, m.mapa.localidades, cveLocalidad);
  const nombre = m.mapa.nombre;

  const poner = (nuevo: Punto) => {
    if (!dentro(nuevo, limites)) return setAviso(`Ese punto queda fuera de la zona que atiende este formulario; marca ${lugar.nombre} dentro del municipio.`);
    setAviso(dentroDelMunicipio(m, nuevo) ? '' : `El punto quedó fuera del municipio de ${nombre}. Si ${lugar.nombre} está ahí, revisa el municipio que elegiste arriba.`);
    onPunto(nuevo);
  };
  const alTocar = (e: MouseEvent<SVGSVGElement>) => {
    const ctm = svg.current?.getScreenCTM();
    if (!enabled || !ctm) return;
    const at = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    poner(puntoEn(p, at.x, at.y));
  };
  const alTeclear = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!enabled) return;
    if (e.key === '+' || e.key === '-') {
      e.preventDefault();
      return setVista(otroZoom(m, vista, e.key === '+' ? 1 : -1, punto));
    }
    const d = desplazamiento(e.key, e.shiftKey);
    if (!d) return;
    e.preventDefault();
    // The first press puts the pin in the middle of what is shown; the next ones move it.
    poner(punto ? movido(p, punto, d[0], d[1]) : puntoEn(p, LADO / 2, LADO / 2));
  };

  const pin = punto ? enDibujo(p, punto) : null;
  const barra = escala(p);
  return (
    <Box sx={{ maxWidth: 480 }}>
      <Typography id={`${ids}-ayuda`} sx={{ mb: 1 }}>
        {`Toca el mapa donde está ${lugar.nombre}. Con teclado: entra al mapa y usa las flechas para mover el punto (con Mayús, más lejos); + y − acercan y alejan.`}
      </Typography>
      <Box
        tabIndex={enabled ? 0 : -1}
        role="application"
        aria-roledescription="mapa"
        aria-label={`Mapa de ${nombre} para marcar ${lugar.nombre}`}
        aria-describedby={`${ids}-ayuda ${ids}-punto`}
        onKeyDown={alTeclear}
        sx={{ border: 2, borderColor: 'divider', borderRadius: 1, lineHeight: 0, '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2 } }}
      >
        <svg ref={svg} viewBox={`0 0 ${LADO} ${LADO}`} role="img" aria-label={`Mapa de ${nombre}: su contorno, sus localidades y el punto de ${lugar.nombre}`} onClick={alTocar} style={{ width: '100%', height: 'auto', cursor: enabled ? 'crosshair' : 'default', touchAction: 'manipulation' }}>
          <rect width={LADO} height={LADO} fill="#e6ecef" />
          <path d={trazo(m, p)} fill="#fffdf7" stroke="#2b2326" strokeWidth={1.2} />
          {m.mapa.localidades.map((l) => {
            const [x, y] = enDibujo(p, l);
            if (x < -20 || x > LADO + 20 || y < -20 || y > LADO + 20) return null;
            return (
              <g key={l.clave}>
                <circle cx={x} cy={y} r={Math.min(5, Math.max(1.8, Math.log10(l.poblacion ?? 100) - 0.5))} fill={l.clave === cveLocalidad ? '#0b5c9e' : '#56707d'} />
                {nombradas.has(l.clave) && (
                  <text x={x + 5} y={y - 4} fontSize={l.clave === cveLocalidad ? 11 : 9.5} fontWeight={l.clave === cveLocalidad ? 700 : 400} fill="#2b2326" stroke="#fffdf7" strokeWidth={3} paintOrder="stroke">
                    {l.nombre}
                  </text>
                )}
              </g>
            );
          })}
          <g transform={`translate(10 ${LADO - 10})`} aria-hidden="true">
            <path d={`M0 -5 V0 H${barra.largo} V-5`} fill="none" stroke="#2b2326" strokeWidth={1.5} />
            <text x={barra.largo + 4} y={0} fontSize={9.5} fill="#2b2326" stroke="#fffdf7" strokeWidth={3} paintOrder="stroke">
              {barra.texto}
            </text>
          </g>
          {pin && (
            <g transform={`translate(${pin[0]} ${pin[1]})`}>
              <path d="M0 0 C -3 -7 -9 -11 -9 -17 A 9 9 0 1 1 9 -17 C 9 -11 3 -7 0 0 Z" fill="#b3261e" stroke="#fff" strokeWidth={1.5} />
              <circle cy={-17} r={3.5} fill="#fff" />
            </g>
          )}
        </svg>
      </Box>
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="outlined" size="small" disabled={!enabled || vista.zoom === ZOOMS[ZOOMS.length - 1]} onClick={() => setVista(otroZoom(m, vista, 1, punto))}>
          Acercar
        </Button>
        <Button variant="outlined" size="small" disabled={!enabled || vista.zoom === 1} onClick={() => setVista(otroZoom(m, vista, -1, punto))}>
          Alejar
        </Button>
        <Typography color="text.secondary" sx={{ fontSize: '0.875rem' }}>
          {`Acercamiento ${vista.zoom}×`}
        </Typography>
      </Box>
      <Typography id={`${ids}-punto`} role="status" sx={{ mt: 1, fontWeight: 600 }}>
        {punto ? `${lugar.Nombre}: ${puntoEnTexto(punto)}.` : `Aún no marcas ${lugar.nombre} en el mapa.`}
      </Typography>
      {aviso && (
        <Typography role="alert" sx={{ mt: 0.5, color: 'warning.dark' }}>
          {aviso}
        </Typography>
      )}
      <Typography color="text.secondary" sx={{ mt: 0.5, fontSize: '0.8rem' }}>
        Mapa: Marco Geoestadístico y localidades del INEGI.
      </Typography>
    </Box>
  );
}
