/**
 * "Consulta ciudadana" (atención ciudadana): one person by CURP, never a list of everyone. Their
 * account, applications and deliveries, and the frequent requests at the counter: change the phone or
 * the e-mail, or send a password reset code; each with a reason that stays on the record.
 */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { validateCurp } from '../../../../engine/curp.ts';
import { ApiError, messageOf } from '../api.ts';
import { ErrorAlert, Loading, Page, ResponsiveTable, StatusChip, visuallyHidden } from '../components/common.tsx';
import { formatDate, formatDateTime, formatPhone } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, type ConsultaCiudadana } from './api.ts';
import { DataList, FormDialog, Section, siNo } from './common.tsx';

type Cambio = 'telefono' | 'correo' | 'contrasena';

const ESTADO_CODIGO: Record<string, string> = { vigente: 'vigente', usado: 'ya usado', vencido: 'vencido', agotado: 'sin intentos' };

/** The last SMS code, described (the code itself is never shown). */
function codigoTexto(c: ConsultaCiudadana['cuenta']['codigoValidacion']): string | null {
  if (!c) return null;
  return `${c.proposito === 'telefono' ? 'Confirmar teléfono' : 'Cambiar contraseña'}: enviado el ${formatDateTime(c.enviado)}, ${ESTADO_CODIGO[c.estado] ?? c.estado}${c.estado === 'vigente' ? ` hasta ${formatDateTime(c.vence)}` : ''}.`;
}

const TITULOS: Record<Cambio, string> = { telefono: 'Cambiar teléfono', correo: 'Cambiar correo electrónico', contrasena: 'Restablecer contraseña' };

function CambioDialog({ tipo, cuenta, onClose, onDone }: { tipo: Cambio; cuenta: ConsultaCiudadana['cuenta']; onClose: () => void; onDone: (msg: string) => void }) {
  const [valor, setValor] = useState('');
  const [motivo, setMotivo] = useState('');
  const [errors, setErrors] = useState<{ valor?: string; motivo?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const enviar = async () => {
    const e: typeof errors = {};
    const tel = valor.replace(/\D/g, '');
    if (tipo === 'telefono' && tel.length !== 10) e.valor = tel ? `El teléfono debe tener 10 dígitos; tiene ${tel.length}.` : 'Escribe el nuevo número de celular.';
    if (tipo === 'correo' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(valor.trim())) e.valor = 'Escribe un correo válido, p. ej. nombre@correo.com.';
    if (!motivo.trim()) e.motivo = 'Escribe el motivo del cambio; queda registrado.';
    setErrors(e);
    if (e.valor) return document.getElementById('cambio-valor')?.focus();
    if (e.motivo) return document.getElementById('cambio-motivo')?.focus();
    setBusy(true);
    setError(null);
    try {
      if (tipo === 'telefono') {
        await funcionarioApi.cambiarTelefono(cuenta.curp, tel, motivo.trim());
        onDone(`Cambiaste el teléfono a ${formatPhone(tel)}. La persona recibirá un SMS con el aviso.`);
      } else if (tipo === 'correo') {
        await funcionarioApi.cambiarCorreo(cuenta.curp, valor.trim(), motivo.trim());
        onDone(`Cambiaste el correo a ${valor.trim()}. La persona recibirá un SMS con el aviso.`);
      } else {
        await funcionarioApi.restablecerContrasena(cuenta.curp, motivo.trim());
        onDone('Enviamos por SMS un código para que la persona ponga una contraseña nueva desde «¿Olvidaste tu contraseña?».');
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'REASON_REQUIRED') {
        setErrors({ motivo: err.message });
        document.getElementById('cambio-motivo')?.focus();
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      title={TITULOS[tipo]}
      initialFocus={tipo === 'contrasena' ? 'cambio-motivo' : 'cambio-valor'}
      onClose={onClose}
      onSubmit={enviar}
      submitLabel={tipo === 'contrasena' ? 'Enviar código' : 'Guardar cambio'}
      busy={busy}
      error={error}
    >
      <Stack spacing={2.5}>
        <Typography>
          {cuenta.nombres} {cuenta.primerApellido} {cuenta.segundoApellido ?? ''} · {cuenta.curp}
        </Typography>
        {tipo === 'telefono' && (
          <TextField
            id="cambio-valor"
            label="Nuevo teléfono celular"
            type="tel"
            required
            value={valor}
            onChange={(e) => {
              setValor(e.target.value);
              setErrors((x) => ({ ...x, valor: undefined }));
            }}
            error={!!errors.valor}
            helperText={errors.valor ?? `Actual: ${cuenta.telefono ? formatPhone(cuenta.telefono) : 'sin teléfono'}. 10 dígitos.`}
            slotProps={{ htmlInput: { inputMode: 'tel' } }}
          />
        )}
        {tipo === 'correo' && (
          <TextField
            id="cambio-valor"
            label="Nuevo correo electrónico"
            type="email"
            required
            value={valor}
            onChange={(e) => {
              setValor(e.target.value);
              setErrors((x) => ({ ...x, valor: undefined }));
            }}
            error={!!errors.valor}
            helperText={errors.valor ?? `Actual: ${cuenta.correo || 'sin correo'}.`}
          />
        )}
        {tipo === 'contrasena' && (
          <Typography>
            Enviaremos un código por SMS al teléfono de la cuenta{cuenta.telefono ? ` (${formatPhone(cuenta.telefono, true)})` : ''}. Con él, la persona pone una contraseña nueva. Nadie más la conoce.
          </Typography>
        )}
        <TextField
          id="cambio-motivo"
          label="Motivo"
          required
          multiline
          minRows={2}
          value={motivo}
          onChange={(e) => {
            setMotivo(e.target.value);
            setErrors((x) => ({ ...x, motivo: undefined }));
          }}
          error={!!errors.motivo}
          helperText={errors.motivo ?? 'Por ejemplo: «Cambió de número; presentó su INE en ventanilla».'}
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
      </Stack>
    </FormDialog>
  );
}

export function ConsultaCiudadanaPage() {
  const [params, setParams] = useSearchParams();
  const curp = params.get('curp') ?? '';
  const [texto, setTexto] = useState(curp);
  const [curpError, setCurpError] = useState<string | null>(null);
  const { data, error, reload } = useLoad<ConsultaCiudadana | null>(() => (curp ? funcionarioApi.ciudadano(curp) : Promise.resolve(null)), [curp]);
  const [cambio, setCambio] = useState<Cambio | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);

  const buscar = (e: FormEvent) => {
    e.preventDefault();
    setAviso(null);
    const r = validateCurp(texto);
    if (!r.valid) {
      setCurpError(texto.trim() ? r.errors.map((x) => x.message).join(' ') : 'Escribe la CURP de la persona.');
      document.getElementById('consulta-curp')?.focus();
      return;
    }
    setCurpError(null);
    setParams({ curp: r.curp });
  };

  const c = data?.cuenta;
  return (
    <Page title="Consulta ciudadana" lead="Busca a una persona por su CURP para ver su cuenta, sus solicitudes y sus entregas, o atender un cambio de teléfono, correo o contraseña.">
      <Paper
        variant="outlined"
        component="form"
        role="search"
        aria-label="Buscar persona por CURP"
        noValidate
        onSubmit={buscar}
        sx={{ p: { xs: 2, sm: 3 }, mb: 3, display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}
      >
        <TextField
          id="consulta-curp"
          label="CURP"
          required
          value={texto}
          onChange={(e) => {
            setTexto(e.target.value.toUpperCase());
            setCurpError(null);
          }}
          error={!!curpError}
          helperText={curpError ?? '18 caracteres.'}
          autoComplete="off"
          sx={{ flex: '1 1 280px', maxWidth: 420 }}
          slotProps={{ htmlInput: { spellCheck: false, maxLength: 18, style: { textTransform: 'uppercase', letterSpacing: '0.05em' } } }}
        />
        <Button type="submit" variant="contained" size="large" startIcon={<SearchIcon aria-hidden="true" />}>
          Buscar
        </Button>
      </Paper>

      <Box role="status">
        {aviso && (
          <Alert severity="success" sx={{ mb: 3 }} onClose={() => setAviso(null)}>
            {aviso}
          </Alert>
        )}
      </Box>
      <ErrorAlert message={error} />
      {curp && !data && !error && <Loading label="Buscando…" />}
      {c && data && (
        <>
          <Section
            id="cuenta-titulo"
            title={`${c.nombres} ${c.primerApellido} ${c.segundoApellido ?? ''}`.trim()}
            actions={
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ width: { xs: '100%', sm: 'auto' } }}>
                <Button variant="outlined" onClick={() => setCambio('telefono')}>
                  Cambiar teléfono
                </Button>
                <Button variant="outlined" onClick={() => setCambio('correo')}>
                  Cambiar correo
                </Button>
                <Button variant="outlined" onClick={() => setCambio('contrasena')}>
                  Restablecer contraseña
                </Button>
              </Stack>
            }
          >
            <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
              <DataList
                columns={2}
                items={[
                  [
                    'Usuario (CURP)',
                    <Box key="c" component="span" sx={{ fontFamily: 'ui-monospace, monospace' }}>
                      {c.curp}
                    </Box>,
                  ],
                  ['Correo', c.correo],
                  ['Teléfono', c.telefono ? formatPhone(c.telefono) : null],
                  ['Código de verificación del teléfono', codigoTexto(c.codigoValidacion)],
                  ['Teléfono verificado', siNo(c.validado)],
                  ['Cuenta', c.estatus === 'activo' ? 'Activa' : c.estatus === 'bloqueado' ? 'Bloqueada' : c.estatus],
                  ['Registrada en ventanilla', siNo(c.registradoEnVentanilla)],
                ]}
              />
            </Paper>
          </Section>

          <Section id="solicitudes-titulo" title="Solicitudes">
            {data.solicitudes.length === 0 ? (
              <Typography>Esta persona todavía no ha hecho ninguna solicitud.</Typography>
            ) : (
              <ResponsiveTable
                caption="Solicitudes de la persona"
                rows={data.solicitudes}
                rowKey={(r) => r.id}
                columns={[
                  { header: 'Apoyo', cell: (r) => r.programaNombre },
                  { header: 'Folio', cell: (r) => (r.folio ? <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{r.folio}</Box> : 'Borrador') },
                  { header: 'Fecha', cell: (r) => (r.fechaSolicitud ? formatDate(r.fechaSolicitud) : '—') },
                  { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
                  {
                    header: 'Acciones',
                    cell: (r) =>
                      r.folio ? (
                        <Button size="small" variant="outlined" component={RouterLink} to={`/funcionario/solicitudes/${r.id}`}>
                          Ver solicitud
                          <Box component="span" sx={visuallyHidden}>
                            {' '}
                            {r.folio}
                          </Box>
                        </Button>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            )}
          </Section>

          <Section id="entregas-titulo" title="Apoyos entregados">
            {data.entregas.length === 0 ? (
              <Typography>Esta persona todavía no ha recibido ningún apoyo.</Typography>
            ) : (
              <ResponsiveTable
                caption="Apoyos entregados a la persona"
                rows={data.entregas}
                rowKey={(r) => r.folio}
                columns={[
                  { header: 'Apoyo', cell: (r) => r.programaNombre },
                  { header: 'Folio', cell: (r) => r.folio },
                  { header: 'Fecha', cell: (r) => formatDateTime(r.fecha) },
                  { header: 'Entregó', cell: (r) => r.funcionario },
                ]}
              />
            )}
          </Section>

          {cambio && (
            <CambioDialog
              tipo={cambio}
              cuenta={c}
              onClose={() => setCambio(null)}
              onDone={(msg) => {
                setCambio(null);
                setAviso(msg);
                reload();
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}
