/**
 * "Funcionarios" (administrador): the officials of the area (Usuario, Nombre, Correo, Roles, Área, Estado,
 * Estatus, Acciones) and a dialog to create or edit an official: roles, area (the tree from
 * GET /api/admin/areas) and status.
 */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import SearchIcon from '@mui/icons-material/Search';
import { ErrorAlert, Loading, Page, ResponsiveTable, visuallyHidden } from '../components/common.tsx';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, rolNombre, ROLES, type FuncionarioAdmin } from './api.ts';
import { FuncionarioDialog } from './funcionarios/FuncionarioDialog.tsx';
import type { RolOpcion } from './funcionarios/formulario.ts';

/** The officials with their roles, area and status, each with «Editar» (once the areas are loaded). */
function TablaFuncionarios({ funcionarios: data, onEditar }: { funcionarios: FuncionarioAdmin[]; onEditar?: (f: FuncionarioAdmin) => void }) {
  return (
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
                <Button size="small" variant="outlined" startIcon={<EditIcon aria-hidden="true" />} onClick={() => onEditar?.(r)} disabled={!onEditar}>
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
        <TablaFuncionarios funcionarios={data} onEditar={areas ? (r) => setDialogo({ editando: r }) : undefined} />
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
