/**
 * The coverage maps, drawn from the project's own INEGI outlines (no tiles, no outside services): the state
 * with its municipios shaded by people per 1,000 inhabitants, and a municipio with its localidades as points
 * sized by people. Every shaded municipio and every point is a link to the next level; the tables beside
 * the maps hold the same figures and links for whoever does not use the picture.
 */
import { useMemo, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import { formatNumber } from '../../../format.ts';
import { CLASES, proyectarContornos, type Feature } from '../tablero.ts';
import type { CoberturaLocalidad, CoberturaMunicipio } from './api.ts';
import { colorTasa, porMil, radio, textoTramo, type Tramo } from './cobertura.ts';

const W = 600;
const H = 600;

/** A projection that fits the given outlines to the drawing, and the path of each. */
function useProyeccion(features: Feature[]) {
  return useMemo(() => proyectarContornos(features, W, H), [features]);
}

/** A link inside the drawing that moves within the page (the router), as an ordinary link would without script. */
function useIr() {
  const navigate = useNavigate();
  return (href: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(href);
  };
}

function Svg({ titulo, descripcion, children }: { titulo: string; descripcion: string; children: React.ReactNode }) {
  return (
    <Box component="svg" viewBox={`0 0 ${W} ${H}`} aria-labelledby="cobertura-mapa-titulo cobertura-mapa-desc" sx={{ width: '100%', maxWidth: 540, height: 'auto', display: 'block', mx: 'auto', '& a:focus-visible > *': { stroke: '#0b5c9e', strokeWidth: 4 } }}>
      <title id="cobertura-mapa-titulo">{titulo}</title>
      <desc id="cobertura-mapa-desc">{descripcion}</desc>
      {children}
    </Box>
  );
}

export function MapaEstado({ features, municipios, tramos, hrefDe, descripcion }: { features: Feature[]; municipios: CoberturaMunicipio[]; tramos: Tramo[]; hrefDe: (clave: string) => string; descripcion: string }) {
  const { trazos } = useProyeccion(features);
  const ir = useIr();
  const porClave = useMemo(() => new Map(municipios.map((m) => [m.clave, m])), [municipios]);
  return (
    <Svg titulo="Mapa de los municipios sombreados por personas con apoyo por cada 1,000 habitantes" descripcion={descripcion}>
      {trazos.map((t) => {
        const m = porClave.get(t.clave);
        const texto = `${t.nombre}: ${formatNumber(m?.personas ?? 0)} personas, ${porMil(m?.personasPorMil ?? null)} por cada 1,000 habitantes`;
        return (
          <a key={t.clave} href={hrefDe(t.clave)} onClick={ir(hrefDe(t.clave))} aria-label={`${texto}. Ver sus localidades`}>
            <path d={t.d} fill={colorTasa(tramos, m?.personasPorMil ?? null)} stroke="#2b2326" strokeWidth={0.8} data-cobertura-municipio={t.clave}>
              <title>{texto}</title>
            </path>
          </a>
        );
      })}
    </Svg>
  );
}

export function MapaMunicipio({ feature, localidades, seleccionada, hrefDe, descripcion }: { feature: Feature; localidades: CoberturaLocalidad[]; seleccionada?: string; hrefDe: (cvegeo: string) => string; descripcion: string }) {
  const features = useMemo(() => [feature], [feature]);
  const { projection, trazos } = useProyeccion(features);
  const ir = useIr();
  const mas = Math.max(0, ...localidades.map((l) => l.personas));
  const ubicadas = localidades.filter((l) => l.latitud !== null && l.longitud !== null);
  // The biggest points first, so a small one on top of a big one can still be reached.
  const orden = [...ubicadas].sort((a, b) => b.personas - a.personas);
  return (
    <Svg titulo={`Mapa de ${trazos[0]?.nombre ?? 'el municipio'} con sus localidades; cada punto crece con las personas con apoyo`} descripcion={descripcion}>
      {trazos.map((t) => (
        <path key={t.clave} d={t.d} fill={CLASES[0]} stroke="#2b2326" strokeWidth={1} />
      ))}
      {orden.map((l) => {
        const [x, y] = projection([l.longitud!, l.latitud!]) ?? [0, 0];
        const activa = l.cvegeo === seleccionada;
        if (l.personas === 0) return <circle key={l.cvegeo} cx={x} cy={y} r={activa ? 6 : 2.5} fill={activa ? '#0b5c9e' : '#8a8386'} aria-hidden="true" data-cobertura-localidad={l.cvegeo} />;
        const texto = `${l.nombre}: ${formatNumber(l.personas)} ${l.personas === 1 ? 'persona' : 'personas'}`;
        return (
          <a key={l.cvegeo} href={hrefDe(l.cvegeo)} onClick={ir(hrefDe(l.cvegeo))} aria-label={`${texto}. Ver sus colonias`}>
            <circle cx={x} cy={y} r={radio(l.personas, mas)} fill={activa ? '#0b5c9e' : '#1e5b4f'} fillOpacity={0.75} stroke="#fff" strokeWidth={1.5} data-cobertura-localidad={l.cvegeo}>
              <title>{texto}</title>
            </circle>
          </a>
        );
      })}
    </Svg>
  );
}

export function Leyenda({ tramos }: { tramos: Tramo[] }) {
  return (
    <Box component="ul" aria-label="Leyenda del mapa: personas con apoyo por cada 1,000 habitantes" sx={{ listStyle: 'none', p: 0, m: 0, mt: 2, display: 'flex', flexWrap: 'wrap', gap: 2, justifyContent: 'center' }}>
      {tramos.map((t, i) => (
        <Box component="li" key={t.color} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box component="span" aria-hidden="true" sx={{ width: 22, height: 22, bgcolor: t.color, border: '1px solid #2b2326', borderRadius: 0.5 }} />
          {textoTramo(t, i)}
        </Box>
      ))}
    </Box>
  );
}
