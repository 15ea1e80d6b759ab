/** The official's saved filters: apply, save the current ones, delete. */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SaveIcon from '@mui/icons-material/Save';
import DeleteIcon from '@mui/icons-material/Delete';
import { messageOf } from '../../api.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { useLoad } from '../../hooks.ts';
import { funcionarioApi, type Filtros, type FiltroGuardado } from '../api.ts';
import { FormDialog, SelectField } from '../common.tsx';

export function FiltrosGuardados({ filtros, onAplicar }: { filtros: Filtros; onAplicar: (f: Filtros) => void }) {
  const { data, error, reload } = useLoad(() => funcionarioApi.filtros(), []);
  const [elegido, setElegido] = useState('');
  const [abierto, setAbierto] = useState(false);
  const [nombre, setNombre] = useState('');
  const [nombreError, setNombreError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);
  const [accionError, setAccionError] = useState<string | null>(null);
  const lista: FiltroGuardado[] = data ?? [];
  const actual = lista.find((f) => f.id === elegido);

  const guardar = async () => {
    if (!nombre.trim()) {
      setNombreError('Escribe un nombre para reconocer este filtro.');
      document.getElementById('filtro-nombre')?.focus();
      return;
    }
    setBusy(true);
    setDialogError(null);
    try {
      const f = await funcionarioApi.guardarFiltro(nombre.trim(), filtros);
      setAbierto(false);
      setNombre('');
      setAviso(`Guardaste el filtro «${f.nombre}».`);
      setElegido(f.id);
      reload();
    } catch (e) {
      setDialogError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const borrar = async () => {
    if (!actual) return;
    setAccionError(null);
    try {
      await funcionarioApi.borrarFiltro(actual.id);
      setAviso(`Borraste el filtro «${actual.nombre}».`);
      setElegido('');
      reload();
    } catch (e) {
      setAccionError(messageOf(e));
    }
  };

  return (
    <Box component="section" aria-labelledby="filtros-guardados-titulo" sx={{ mt: 2 }}>
      <Typography variant="h4" component="h3" id="filtros-guardados-titulo" sx={{ mb: 1 }}>
        Filtros guardados
      </Typography>
      <ErrorAlert message={error ?? accionError} />
      <Box role="status" sx={{ minHeight: 0 }}>
        {aviso && (
          <Alert severity="success" sx={{ mb: 1 }} onClose={() => setAviso(null)}>
            {aviso}
          </Alert>
        )}
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' } }}>
        <SelectField
          id="filtro-guardado"
          label="Filtro guardado"
          size="small"
          value={elegido}
          onChange={(e) => setElegido(e.target.value)}
          placeholder={lista.length ? 'Elige un filtro' : 'No tienes filtros guardados'}
          options={lista.map((f) => ({ value: f.id, label: f.nombre }))}
          sx={{ minWidth: 220, maxWidth: { sm: 320 } }}
        />
        <Button variant="outlined" disabled={!actual} onClick={() => actual && onAplicar(actual.filtros)}>
          Aplicar filtro
        </Button>
        <Button variant="outlined" color="error" disabled={!actual} startIcon={<DeleteIcon aria-hidden="true" />} onClick={borrar}>
          Borrar filtro
        </Button>
        <Button
          variant="text"
          startIcon={<SaveIcon aria-hidden="true" />}
          onClick={() => {
            setAbierto(true);
            setNombreError(null);
            setDialogError(null);
          }}
        >
          Guardar los filtros actuales
        </Button>
      </Stack>
      <FormDialog open={abierto} initialFocus="filtro-nombre" title="Guardar filtros" onClose={() => setAbierto(false)} onSubmit={guardar} submitLabel="Guardar" busy={busy} error={dialogError}>
        <Typography sx={{ mb: 2 }}>Guarda la combinación actual de apoyo, proceso, estado, búsqueda y orden para aplicarla después con un clic.</Typography>
        <TextField
          id="filtro-nombre"
          label="Nombre del filtro"
          required
          value={nombre}
          onChange={(e) => {
            setNombre(e.target.value);
            setNombreError(null);
          }}
          error={!!nombreError}
          helperText={nombreError ?? 'Por ejemplo: «Tarifa Unidos por revisar».'}
          slotProps={{ htmlInput: { maxLength: 80 } }}
        />
      </FormDialog>
    </Box>
  );
}
