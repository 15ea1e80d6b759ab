import { createContext, useContext, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Json } from '../../runtime/web/src/api.ts';
import type { AreaDelArbol, ErrorDefinicion, ResultadoPrueba } from './api.ts';
import type { Def } from './model.ts';

export interface EditorState {
  borradorId: string;
  def: Def;
  /** Applies a change to the definition (autosaved). */
  update: (change: (def: Def) => Def) => void;
  errores: ErrorDefinicion[];
  pruebas: ResultadoPrueba[];
  fragmentos: Record<string, Json>;
  /** The area tree, for «Área responsable». */
  areas: AreaDelArbol[];
  /** The form as the citizen gets it (fragments bundled). */
  formulario: { schema: Json; uischema: Json };
  nuevaVersion: boolean;
  irA: (seccion: string) => void;
}

export const EditorContext = createContext<EditorState | null>(null);

export function useEditor(): EditorState {
  const s = useContext(EditorContext);
  if (!s) throw new Error('useEditor fuera del editor');
  return s;
}

/** The engine's errors about one element (or a whole area), shown right where it is edited. */
export function ErroresDe({ area, elemento, prefijo = false }: { area: string; elemento?: string; prefijo?: boolean }) {
  const { errores } = useEditor();
  const mine = errores.filter((e) => e.area === area && (elemento === undefined || (prefijo ? e.elemento.startsWith(elemento) : e.elemento === elemento)));
  if (mine.length === 0) return null;
  return (
    <Alert severity="error" sx={{ my: 1 }} role="alert">
      {mine.length === 1 ? (
        <>
          <Typography component="span" sx={{ fontWeight: 600 }}>{mine[0].mensaje}</Typography>
          <Typography component="span" sx={{ display: 'block', fontSize: '0.9rem' }}>{mine[0].ubicacion}</Typography>
        </>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {mine.map((e, i) => (
            <li key={i}>
              <strong>{e.mensaje}</strong> <span>({e.ubicacion})</span>
            </li>
          ))}
        </Box>
      )}
    </Alert>
  );
}

export function Seccion({ titulo, ayuda, children }: { titulo: string; ayuda?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby="titulo-seccion">
      <Typography variant="h2" id="titulo-seccion" tabIndex={-1} sx={{ mb: 1, '&:focus': { outline: 'none' } }}>
        {titulo}
      </Typography>
      {ayuda && <Typography color="text.secondary" sx={{ mb: 2, maxWidth: '80ch' }}>{ayuda}</Typography>}
      {children}
    </Box>
  );
}

export function hace(desde: number, ahora: number): string {
  const s = Math.max(0, Math.round((ahora - desde) / 1000));
  if (s < 10) return 'hace unos segundos';
  if (s < 60) return `hace ${s} segundos`;
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? 'hace 1 minuto' : `hace ${m} minutos`;
  const h = Math.round(m / 60);
  return h === 1 ? 'hace 1 hora' : `hace ${h} horas`;
}
