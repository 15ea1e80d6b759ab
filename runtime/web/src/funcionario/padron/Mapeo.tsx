/**
 * Assigning the file's columns to the registry's fields: one choice per field, suggested from the
 * headers (or the agency's last mapping for the program), with a sample value beside each column.
 */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { REGISTRY_FIELDS } from '../../../../../engine/padron/columns.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { SelectField } from '../common.tsx';
import { padronApi, type Lote } from './api.ts';

function columnOptions(lote: Lote) {
  const first = lote.muestra?.[0] ?? [];
  return lote.encabezados.map((header, i) => ({ value: String(i), label: first[i] ? `${header} (p. ej. ${first[i]})` : header }));
}

export function Mapeo({ lote, onListo }: { lote: Lote; onListo: (l: Lote) => void }) {
  const [mapeo, setMapeo] = useState<Record<string, number>>(lote.mapeo);
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const options = columnOptions(lote);
  const elegir = (campo: string, valor: string) => setMapeo(({ [campo]: _quitado, ...resto }) => (valor === '' ? resto : { ...resto, [campo]: Number(valor) }));
  const revisar = async (e: FormEvent) => {
    e.preventDefault();
    setEnviando(true);
    setError(null);
    try {
      onListo(await padronApi.mapear(lote.id, mapeo));
    } catch (err) {
      setError((err as Error).message);
      setEnviando(false);
    }
  };
  return (
    <Paper variant="outlined" component="form" noValidate onSubmit={revisar} aria-labelledby="mapeo-titulo" sx={{ p: { xs: 2, sm: 3 }, display: 'grid', gap: 2 }}>
      <Typography id="mapeo-titulo" component="h2" variant="h6">
        Asigna las columnas del archivo
      </Typography>
      {lote.mapeoRecordado ? (
        <Alert severity="info">Usamos las columnas de la última carga de este programa. Revísalas antes de seguir.</Alert>
      ) : (
        <Typography>Sugerimos cada columna por su encabezado. La CURP, el primer apellido y el nombre son obligatorios.</Typography>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        {REGISTRY_FIELDS.map((field) => (
          <SelectField
            key={field.id}
            id={`mapeo-${field.id}`}
            label={field.required ? `${field.label} (obligatorio)` : field.label}
            value={mapeo[field.id] === undefined ? '' : String(mapeo[field.id])}
            onChange={(e) => elegir(field.id, e.target.value)}
            placeholder="Sin columna"
            options={options}
          />
        ))}
      </Box>
      <ErrorAlert message={error} />
      <Box>
        <Button type="submit" variant="contained" disabled={enviando}>
          {enviando ? 'Enviando…' : 'Revisar las filas'}
        </Button>
      </Box>
    </Paper>
  );
}
