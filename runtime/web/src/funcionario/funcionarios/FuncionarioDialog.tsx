/** Creating or editing an official: account data, area, roles, status and password. */
import { useState } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { ApiError, messageOf } from '../../api.ts';
import { funcionarioApi, type Area, type FuncionarioAdmin } from '../api.ts';
import { FormDialog, SelectField } from '../common.tsx';
import { alta, arbol, cambio, focoDe, formularioDe, revisar, TIPO_AREA, type Errors, type Form, type RolOpcion } from './formulario.ts';

type Set = <K extends keyof Form>(k: K, v: Form[K]) => void;
interface Campos {
  f: Form;
  errors: Errors;
  set: Set;
  editando: FuncionarioAdmin | null;
}

function DatosDeCuenta({ f, errors, set, editando, areas }: Campos & { areas: Area[] }) {
  const text = (k: 'usuario' | 'nombre' | 'correo') => ({ id: `f-${k}`, value: f[k], onChange: (e: { target: { value: string } }) => set(k, e.target.value), error: !!errors[k], autoComplete: 'off' });
  return (
    <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <TextField
        {...text('usuario')}
        label="Usuario"
        required
        helperText={errors.usuario ?? (editando ? 'El usuario no se puede cambiar.' : 'Con él inicia sesión.')}
        // Read-only rather than disabled: a disabled field's texts fall below 4.5:1 contrast.
        slotProps={{ htmlInput: { spellCheck: false, readOnly: !!editando } }}
      />
      <TextField {...text('nombre')} label="Nombre completo" required helperText={errors.nombre} />
      <TextField {...text('correo')} label="Correo" type="email" required helperText={errors.correo} />
      <SelectField
        id="area"
        label="Área"
        required
        value={f.area}
        onChange={(e) => set('area', e.target.value)}
        error={!!errors.area}
        helperText={errors.area ?? 'Verá los programas de esta área y de las que dependen de ella.'}
        placeholder="Elige el área"
        options={arbol(areas).map((a) => ({ value: a.id, label: `${'\u00a0\u00a0'.repeat(a.nivel)}${a.nombre} (${TIPO_AREA[a.tipo] ?? a.tipo})` }))}
      />
    </Box>
  );
}

function Roles({ f, errors, set, roles }: Campos & { roles: RolOpcion[] }) {
  const toggle = (id: string) => set('roles', f.roles.includes(id) ? f.roles.filter((x) => x !== id) : [...f.roles, id]);
  return (
    <FormControl component="fieldset" error={!!errors.roles} required>
      <FormLabel component="legend" sx={{ fontWeight: 600 }}>
        Roles
      </FormLabel>
      <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
        {roles.map((r, i) => (
          <FormControlLabel
            key={r.id}
            sx={{ alignItems: 'flex-start', mt: 0.5 }}
            control={<Checkbox id={`rol-${i}`} checked={f.roles.includes(r.id)} onChange={() => toggle(r.id)} sx={{ mt: -0.75 }} />}
            label={
              <>
                <Box component="span" sx={{ fontWeight: 600 }}>
                  {r.nombre}
                </Box>
                <Box component="span" sx={{ display: 'block', fontSize: '0.9rem', color: 'text.secondary' }}>
                  {r.descripcion}
                </Box>
              </>
            }
          />
        ))}
      </FormGroup>
      {errors.roles && <FormHelperText sx={{ fontWeight: 600 }}>{errors.roles}</FormHelperText>}
    </FormControl>
  );
}

function EstatusYContrasena({ f, errors, set, editando }: Campos) {
  return (
    <>
      {editando && (
        <FormControl component="fieldset">
          <FormLabel component="legend" id="estatus-etiqueta" sx={{ fontWeight: 600 }}>
            Estatus
          </FormLabel>
          <RadioGroup row aria-labelledby="estatus-etiqueta" value={f.estatus} onChange={(e) => set('estatus', e.target.value as Form['estatus'])}>
            <FormControlLabel value="activo" control={<Radio />} label="Activo" />
            <FormControlLabel value="inactivo" control={<Radio />} label="Inactivo (no puede iniciar sesión)" />
          </RadioGroup>
        </FormControl>
      )}
      <TextField
        id="f-contrasena"
        label={editando ? 'Nueva contraseña (opcional)' : 'Contraseña inicial'}
        required={!editando}
        type="password"
        autoComplete="new-password"
        value={f.contrasena}
        onChange={(e) => set('contrasena', e.target.value)}
        error={!!errors.contrasena}
        helperText={errors.contrasena ?? (editando ? 'Déjala vacía para no cambiarla.' : 'Al menos 12 caracteres; mejor una frase de varias palabras. No se aceptan contraseñas comunes.')}
      />
    </>
  );
}

function useFuncionarioForm(editando: FuncionarioAdmin | null, onSaved: (msg: string) => void) {
  const [f, setF] = useState<Form>(() => formularioDe(editando));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set: Set = (k, v) => {
    setF((o) => ({ ...o, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const refusedOn = (campo: keyof Form, message: string) => {
    setErrors({ [campo]: message });
    document.getElementById(focoDe(campo))?.focus();
  };
  const guardar = async () => {
    const e = revisar(f, !editando);
    setErrors(e);
    const first = (Object.keys(e) as Array<keyof Form>)[0];
    if (first) return void document.getElementById(focoDe(first))?.focus();
    setBusy(true);
    setError(null);
    try {
      if (editando) {
        await funcionarioApi.cambiarFuncionario(editando.id, cambio(f));
        onSaved(`Guardaste los cambios de ${f.usuario}.`);
      } else {
        await funcionarioApi.crearFuncionario(alta(f));
        onSaved(`Diste de alta a ${f.usuario.trim()}. Comparte su contraseña inicial por un medio seguro.`);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'OFFICIAL_EXISTS') refusedOn('usuario', err.message);
      else if (err instanceof ApiError && err.code === 'WEAK_PASSWORD') refusedOn('contrasena', err.message);
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { f, errors, set, error, busy, guardar };
}

interface DialogProps {
  editando: FuncionarioAdmin | null;
  areas: Area[];
  roles: RolOpcion[];
  onClose: () => void;
  onSaved: (msg: string) => void;
}

export function FuncionarioDialog({ editando, areas, roles, onClose, onSaved }: DialogProps) {
  const form = useFuncionarioForm(editando, onSaved);
  const campos = { f: form.f, errors: form.errors, set: form.set, editando };
  return (
    <FormDialog
      open
      initialFocus={editando ? 'f-nombre' : 'f-usuario'}
      title={editando ? `Editar a ${editando.usuario}` : 'Nuevo funcionario'}
      onClose={onClose}
      onSubmit={form.guardar}
      submitLabel={editando ? 'Guardar cambios' : 'Dar de alta'}
      busy={form.busy}
      error={form.error}
      maxWidth="md"
    >
      <Stack spacing={2.5}>
        <DatosDeCuenta {...campos} areas={areas} />
        <Roles {...campos} roles={roles} />
        <EstatusYContrasena {...campos} />
      </Stack>
    </FormDialog>
  );
}
