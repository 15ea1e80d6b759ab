/**
 * The records' points over the municipio's outline (or the state's municipios), drawn with d3-geo from
 * the project's own INEGI outlines, as the coverage maps are; coloured by answer. The tables beside it
 * hold the same figures for whoever does not use the picture.
 */
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import { CLASES, proyectarContornos, type Feature } from '../tablero/tablero.ts';
import { RESULTADOS } from './brigadas.ts';
import type { SupervisionDeCampo } from './api.ts';

const W = 600;
const H = 560;

export function MapaPuntos({ contornos, puntos, descripcion }: { contornos: Feature[]; puntos: SupervisionDeCampo['puntos']; descripcion: string }) {
  const { projection, trazos } = useMemo(() => proyectarContornos(contornos, W, H), [contornos]);
  return (
    <Box component="svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="brigadas-mapa-titulo brigadas-mapa-desc" sx={{ width: '100%', maxWidth: 540, height: 'auto', display: 'block', mx: 'auto' }}>
      <title id="brigadas-mapa-titulo">Mapa de los registros de las brigadas, por resultado</title>
      <desc id="brigadas-mapa-desc">{descripcion}</desc>
      {trazos.map((t) => (
        <path key={t.clave} d={t.d} fill={CLASES[0]} stroke="#2b2326" strokeWidth={0.8} />
      ))}
      {puntos.map((p, i) => {
        const [x, y] = projection([p.lng, p.lat]) ?? [0, 0];
        return <circle key={i} cx={x} cy={y} r={4} fill={RESULTADOS[p.resultado].color} fillOpacity={0.8} stroke="#fff" strokeWidth={1} data-resultado={p.resultado} />;
      })}
    </Box>
  );
}

export function LeyendaPuntos() {
  return (
    <Box component="ul" aria-label="Leyenda del mapa: resultado de cada registro" sx={{ listStyle: 'none', p: 0, m: 0, mt: 2, display: 'flex', flexWrap: 'wrap', gap: 2, justifyContent: 'center' }}>
      {Object.values(RESULTADOS).map((r) => (
        <Box component="li" key={r.nombre} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box component="span" aria-hidden="true" sx={{ width: 16, height: 16, borderRadius: '50%', bgcolor: r.color }} />
          {r.nombre}
        </Box>
      ))}
    </Box>
  );
}
