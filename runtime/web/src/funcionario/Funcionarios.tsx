/**
 * "Funcionarios" (administrador): the officials of the area (Usuario, Nombre, Correo, Roles, Área, Estado,
 * Estatus, Acciones) and a dialog to create or edit an official: roles, area (the tree from
 * GET /api/admin/areas) and status.
 */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import SearchIcon from '@mui/icons-material/Search';
import { ApiError, messageOf } from '../api.ts';
import { ErrorAlert, Loading, Page, ResponsiveTable, visuallyHidden } from '../components/common.tsx';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, rolNombre, ROLES, type Area, type FuncionarioAdmin } from './api.ts';
import { FormDialog, SelectField } from './common.tsx';

const TIPO_AREA: Record<string, string> = { dependencia: 'Dependencia', subsecretaria: 'Subsecretaría', direccion: 'Dirección' };

/** The area tree in order, each with its depth (for the indented select). */
function arbol(areas: Area[]): Array<Area & { nivel: number }> {
  const out: Array<Area & { nivel: number }> = [];
  const ids = new Set(areas.map((a) => a.id));
  const visit = (padre: string | null, nivel: number) => {
    for (const a of areas.filter((x) => (x.padreId ?? null) === padre || (padre === null && x.padreId && !ids.has(x.padreId))).sort((x, y) => x.nombre.localeCompare(y.nombre, 'es'))) {
      if (out.some((o) => o.id === a.id)) continue;
      out.push({ ...a, nivel });
      visit(a.id, nivel + 1);
    }
  };
  visit(null, 0);
  return out;
}

type Form = { usuario: string; nombre: string; correo: string; roles: string[]; area: string; estatus: 'activo' | 'inactivo'; contrasena: string };
type Errors = Partial<Record<keyof Form, string>>;

type RolOpcion = { id: string; nombre: string; descripcion: string };

function FuncionarioDialog({
  editando,
  areas,
  roles,
  onClose,
  onSaved,
}: {
  editando: FuncionarioAdmin | null;
  areas: Area[];
  roles: RolOpcion[];
  onClose: () => void;
  onSaved: (msg: string) => void;
}) {
  const [f, setF] = useState<Form>(
    editando
      ? {
          usuario: editando.usuario,
          nombre: editando.nombre,
          correo: editando.correo ?? '',
          roles: editando.roles,
          area: editando.area,
          estatus: editando.estatus.toLowerCase() === 'inactivo' ? 'inactivo' : 'activo',
          contrasena: '',
        }
      : { usuario: '', nombre: '', correo: '', roles: [], area: '', estatus: 'activo', contrasena: '' },
  );
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setF((o) => ({ ...o, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const opciones = arbol(areas);

  const guardar = async () => {
    const e: Errors = {};
    if (!editando && !/^[a-z0-9._-]{3,50}$/i.test(f.usuario.trim())) e.usuario = 'De 3 a 50 letras, números, punto, guion o guion bajo, sin espacios.';
    if (!f.nombre.trim()) e.nombre = 'Escribe el nombre completo.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.correo.trim())) e.correo = 'Escribe un correo válido, p. ej. nombre@queretaro.gob.mx.';
    if (f.roles.length === 0) e.roles = 'Elige al menos un rol.';
    if (!f.area) e.area = 'Elige el área.';
    if (!editando && !f.contrasena) e.contrasena = 'Escribe una contraseña inicial.';
    // The server's length rule for officials; it also refuses common or easy passwords.
    if (f.contrasena && [...f.contrasena.trim().replace(/\s+/gu, ' ')].length < 12) e.contrasena = 'Usa al menos 12 caracteres (los espacios repetidos cuentan como uno).';
    setErrors(e);
    const first = (Object.keys(e) as Array<keyof Form>)[0];
    if (first) {
      document.getElementById(first === 'roles' ? 'rol-0' : first === 'area' ? 'area' : `f-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (editando) {
        await funcionarioApi.cambiarFuncionario(editando.id, {
          nombre: f.nombre.trim(),
          correo: f.correo.trim(),
          roles: f.roles,
          area: f.area,
          estatus: f.estatus,
          ...(f.contrasena ? { contrasena: f.contrasena } : {}),
        });
        onSaved(`Guardaste los cambios de ${f.usuario}.`);
      } else {
        await funcionarioApi.crearFuncionario({ usuario: f.usuario.trim(), nombre: f.nombre.trim(), correo: f.correo.trim(), roles: f.roles, area: f.area, contrasena: f.contrasena });
        onSaved(`Diste de alta a ${f.usuario.trim()}. Comparte su contraseña inicial por un medio seguro.`);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'OFFICIAL_EXISTS') {
        setErrors({ usuario: err.message });
        document.getElementById('f-usuario')?.focus();
      } else if (err instanceof ApiError && err.code === 'WEAK_PASSWORD') {
        setErrors({ contrasena: err.message });
        document.getElementById('f-contrasena')?.focus();
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      initialFocus={editando ? 'f-nombre' : 'f-usuario'}
      title={editando ? `Editar a ${editando.usuario}` : 'Nuevo funcionario'}
      onClose={onClose}
      onSubmit={guardar}
      submitLabel={editando ? 'Guardar cambios' : 'Dar de alta'}
      busy={busy}
      error={error}
      maxWidth="md"
    >
      <Stack spacing={2.5}>
        <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <TextField
            id="f-usuario"
            label="Usuario"
            required
            value={f.usuario}
            onChange={(e) => set('usuario', e.target.value)}
            error={!!errors.usuario}
            helperText={errors.usuario ?? (editando ? 'El usuario no se puede cambiar.' : 'Con él inicia sesión.')}
            autoComplete="off"
            // Read-only rather than disabled: a disabled field's texts fall below 4.5:1 contrast.
            slotProps={{ htmlInput: { spellCheck: false, readOnly: !!editando } }}
          />
          <TextField
            id="f-nombre"
            label="Nombre completo"
            required
            value={f.nombre}
            onChange={(e) => set('nombre', e.target.value)}
            error={!!errors.nombre}
            helperText={errors.nombre}
            autoComplete="off"
          />
          <TextField
            id="f-correo"
            label="Correo"
            type="email"
            required
            value={f.correo}
            onChange={(e) => set('correo', e.target.value)}
            error={!!errors.correo}
            helperText={errors.correo}
            autoComplete="off"
          />
          <SelectField
            id="area"
            label="Área"
            required
            value={f.area}
            onChange={(e) => set('area', e.target.value)}
            error={!!errors.area}
            helperText={errors.area ?? 'Verá los programas de esta área y de las que dependen de ella.'}
            placeholder="Elige el área"
            options={opciones.map((a) => ({ value: a.id, label: `${'\u00a0\u00a0'.repeat(a.nivel)}${a.nombre} (${TIPO_AREA[a.tipo] ?? a.tipo})` }))}
          />
        </Box>
        <FormControl component="fieldset" error={!!errors.roles} required>
          <FormLabel component="legend" sx={{ fontWeight: 600 }}>
            Roles
          </FormLabel>
          <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
            {roles.map((r, i) => (
              <FormControlLabel
                key={r.id}
                sx={{ alignItems: 'flex-start', mt: 0.5 }}
                control={
                  <Checkbox
                    id={`rol-${i}`}
                    checked={f.roles.includes(r.id)}
                    onChange={() => set('roles', f.roles.includes(r.id) ? f.roles.filter((x) => x !== r.id) : [...f.roles, r.id])}
                    sx={{ mt: -0.75 }}
                  />
                }
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
      </Stack>
    </FormDialog>
  );
}

export function FuncionariosPage() {
  const [q, setQ] = useState('');
  const [busqueda, setBusqueda] = useState('');
  const { data, error, reload } = useLoad(() => funcionarioApi.funcionarios(busqueda || undefined), [busqueda]);
  const { data: areas, error: areasError } = useLoad(() => funcionarioApi.areas(), []);
  // The roles the server accepts (SIPROS's own and the published workflows'); our list if it cannot say.
  const { data: roles } = useLoad<RolOpcion[]>(
    () =>
      funcionarioApi.roles().then(
        (list) => list.map((r) => ({ id: r.id, nombre: rolNombre(r.id), descripcion: ROLES.find((x) => x.id === r.id)?.descripcion ?? r.descripcion })),
        () => ROLES,
      ),
    [],
  );
  const [dialogo, setDialogo] = useState<{ editando: FuncionarioAdmin | null } | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);

  const buscar = (e: FormEvent) => {
    e.preventDefault();
    setBusqueda(q.trim());
  };

  return (
    <Page title="Funcionarios" lead="Las personas que operan SIPROS, con sus roles y su área. Cada cambio queda registrado.">
      <ErrorAlert message={areasError} />
      <Box role="status">
        {aviso && (
          <Alert severity="success" sx={{ mb: 2 }} onClose={() => setAviso(null)}>
            {aviso}
          </Alert>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start', mb: 3 }}>
        <Box component="form" role="search" aria-label="Buscar funcionarios" onSubmit={buscar} sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', flex: '1 1 320px' }}>
          <TextField id="buscar-funcionario" label="Buscar por usuario, nombre o correo" size="small" value={q} onChange={(e) => setQ(e.target.value)} sx={{ flex: '1 1 240px', maxWidth: 420 }} />
          <Button type="submit" variant="outlined" startIcon={<SearchIcon aria-hidden="true" />}>
            Buscar
          </Button>
        </Box>
        <Button variant="contained" startIcon={<AddIcon aria-hidden="true" />} onClick={() => setDialogo({ editando: null })} disabled={!areas}>
          Nuevo funcionario
        </Button>
      </Box>
      <ErrorAlert message={error} />
      {!data && !error && <Loading label="Cargando funcionarios…" />}
      {data && data.length === 0 && <Typography>No hay funcionarios que coincidan.</Typography>}
      {data && data.length > 0 && (
        <ResponsiveTable<FuncionarioAdmin>
          caption={`${data.length} ${data.length === 1 ? 'funcionario' : 'funcionarios'}`}
          rows={data}
          rowKey={(r) => r.id}
          columns={[
            {
              header: 'Usuario',
              cell: (r) => (
                <Box component="span" sx={{ fontWeight: 600 }}>
                  {r.usuario}
                </Box>
              ),
            },
            { header: 'Nombre', cell: (r) => r.nombre },
            { header: 'Correo', cell: (r) => r.correo || '—' },
            { header: 'Roles', cell: (r) => r.roles.map(rolNombre).join(', ') },
            { header: 'Área', cell: (r) => r.areaNombre || r.area },
            {
              header: 'Estado',
              cell: (r) => (
                <Chip
                  size="small"
                  label={r.estatus === 'activo' ? 'Activo' : r.estatus === 'inactivo' ? 'Inactivo' : r.estatus}
                  color={r.estatus.toLowerCase() === 'activo' ? 'success' : 'default'}
                  sx={{ fontWeight: 700 }}
                />
              ),
            },
            {
              header: 'Acciones',
              cell: (r) => (
                <Button size="small" variant="outlined" startIcon={<EditIcon aria-hidden="true" />} onClick={() => setDialogo({ editando: r })} disabled={!areas}>
                  Editar
                  <Box component="span" sx={visuallyHidden}>
                    {' '}
                    a {r.usuario}
                  </Box>
                </Button>
              ),
            },
          ]}
        />
      )}
      {dialogo && areas && (
        <FuncionarioDialog
          roles={roles ?? ROLES}
          editando={dialogo.editando}
          areas={areas}
          onClose={() => setDialogo(null)}
          onSaved={(msg) => {
            setDialogo(null);
            setAviso(msg);
            reload();
          }}
        />
      )}
    </Page>
  );
}
