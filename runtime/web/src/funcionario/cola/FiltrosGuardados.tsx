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

/** Saving the current filters under a name. */
function useGuardarFiltro(filtros: Filtros, onSaved: (f: FiltroGuardado) => void) {
  const [abierto, setAbierto] = useState(false);
  const [nombre, setNombre] = useState('');
  const [nombreError, setNombreError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
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
      onSaved(f);
    } catch (e) {
      setDialogError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const abrir = () => {
    setAbierto(true);
    setNombreError(null);
    setDialogError(null);
  };
  const escribir = (v: string) => {
    setNombre(v);
    setNombreError(null);
  };
  return { abierto, cerrar: () => setAbierto(false), abrir, nombre, escribir, nombreError, busy, dialogError, guardar };
}
type Guardando = ReturnType<typeof useGuardarFiltro>;

function GuardarDialog({ g }: { g: Guardando }) {
  return (
    <FormDialog open={g.abierto} initialFocus="filtro-nombre" title="Guardar filtros" onClose={g.cerrar} onSubmit={g.guardar} submitLabel="Guardar" busy={g.busy} error={g.dialogError}>
      <Typography sx={{ mb: 2 }}>Guarda la combinación actual de apoyo, proceso, estado, búsqueda y orden para aplicarla después con un clic.</Typography>
      <TextField
        id="filtro-nombre"
        label="Nombre del filtro"
        required
        value={g.nombre}
        onChange={(e) => g.escribir(e.target.value)}
        error={!!g.nombreError}
        helperText={g.nombreError ?? 'Por ejemplo: «Tarifa Unidos por revisar».'}
        slotProps={{ htmlInput: { maxLength: 80 } }}
      />
    </FormDialog>
  );
}

function useFiltrosGuardados(filtros: Filtros) {
  const { data, error, reload } = useLoad(() => funcionarioApi.filtros(), []);
  const [elegido, setElegido] = useState('');
  const [aviso, setAviso] = useState<string | null>(null);
  const [accionError, setAccionError] = useState<string | null>(null);
  const lista: FiltroGuardado[] = data ?? [];
  const actual = lista.find((f) => f.id === elegido);
  const g = useGuardarFiltro(filtros, (f) => {
    setAviso(`Guardaste el filtro «${f.nombre}».`);
    setElegido(f.id);
    reload();
  });
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
  return { lista, actual, elegido, setElegido, aviso, setAviso, error: error ?? accionError, borrar, g };
}

export function FiltrosGuardados({ filtros, onAplicar }: { filtros: Filtros; onAplicar: (f: Filtros) => void }) {
  const f = useFiltrosGuardados(filtros);
  const { lista, actual } = f;
  return (
    <Box component="section" aria-labelledby="filtros-guardados-titulo" sx={{ mt: 2 }}>
      <Typography variant="h4" component="h3" id="filtros-guardados-titulo" sx={{ mb: 1 }}>
        Filtros guardados
      </Typography>
      <ErrorAlert message={f.error} />
      <Box role="status" sx={{ minHeight: 0 }}>
        {f.aviso && (
          <Alert severity="success" sx={{ mb: 1 }} onClose={() => f.setAviso(null)}>
            {f.aviso}
          </Alert>
        )}
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' } }}>
        <SelectField
          id="filtro-guardado"
          label="Filtro guardado"
          size="small"
          value={f.elegido}
          onChange={(e) => f.setElegido(e.target.value)}
          placeholder={lista.length ? 'Elige un filtro' : 'No tienes filtros guardados'}
          options={lista.map((x) => ({ value: x.id, label: x.nombre }))}
          sx={{ minWidth: 220, maxWidth: { sm: 320 } }}
        />
        <Button variant="outlined" disabled={!actual} onClick={() => actual && onAplicar(actual.filtros)}>
          Aplicar filtro
        </Button>
        <Button variant="outlined" color="error" disabled={!actual} startIcon={<DeleteIcon aria-hidden="true" />} onClick={f.borrar}>
          Borrar filtro
        </Button>
        <Button variant="text" startIcon={<SaveIcon aria-hidden="true" />} onClick={f.g.abrir}>
          Guardar los filtros actuales
        </Button>
      </Stack>
      <GuardarDialog g={f.g} />
    </Box>
  );
}
